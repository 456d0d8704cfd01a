using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace DetectionKit.Scripting;

/// <summary>
/// Text of fields read more than once per record (the dispatch, the match and several rules all ask
/// for <c>eventName</c>): each is looked up and decoded the first time only. One record is read on one thread.
/// A struct held in a mutable field of its event, so an event costs one allocation, not three; never copy it.
/// </summary>
internal struct FieldCache
{
    public const int Slots = 12;

    private Values values;
    private ulong known;

    public string? Get(int slot, JsonElement root, string path)
    {
        var bit = 1UL << slot;
        if ((known & bit) != 0)
        {
            return values[slot];
        }

        var value = root.ValueKind == JsonValueKind.Object ? Text(JsonPath.Find(root, path)) : null;
        values[slot] = value;
        known |= bit;
        return value;
    }

    /// <summary>As <see cref="JsonPath.AsText"/> gives it; a string without escapes comes from <see cref="InternedText"/>.</summary>
    private static string? Text(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.String } text)
        {
            return JsonPath.AsText(element);
        }

        var raw = JsonMarshal.GetRawUtf8Value(text);
        var inner = raw[1..^1];
        return inner.IndexOf((byte)'\\') >= 0 ? text.GetString() : InternedText.Of(inner);
    }

    [InlineArray(Slots)]
    private struct Values
    {
        private string? first;
    }
}
