using System.Text.Json;

namespace DetectionKit.Scripting;

/// <summary>
/// Text of fields read more than once per record (the dispatch, the match and several rules all ask
/// for <c>eventName</c>): each is looked up and decoded the first time only. One record is read on one thread.
/// </summary>
internal sealed class FieldCache(int slots)
{
    private readonly string?[] values = new string?[slots];
    private ulong known;

    public string? Get(int slot, JsonElement root, string path)
    {
        var bit = 1UL << slot;
        if ((known & bit) != 0)
        {
            return values[slot];
        }

        var value = root.ValueKind == JsonValueKind.Object ? JsonPath.AsText(JsonPath.Find(root, path)) : null;
        values[slot] = value;
        known |= bit;
        return value;
    }
}
