using System.Text.Json;

namespace DetectionKit.Scripting;

/// <summary>Dotted-path lookup into a JSON element: <c>requestParameters.policy</c>, <c>resources.0.ARN</c>.</summary>
internal static class JsonPath
{
    public static JsonElement? Find(JsonElement root, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var current = root;
        foreach (var range in path.AsSpan().Split('.'))
        {
            var segment = path.AsSpan(range);
            if (current.ValueKind == JsonValueKind.Object)
            {
                if (!current.TryGetProperty(segment, out current))
                {
                    return null;
                }
            }
            else if (current.ValueKind == JsonValueKind.Array
                && int.TryParse(segment, out var index)
                && index >= 0 && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>Strings as they are, numbers and booleans as their JSON text, objects and arrays as compact JSON, null for null or absent.</summary>
    public static string? AsText(JsonElement? element) => element?.ValueKind switch
    {
        null or JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => element.Value.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => element.Value.GetRawText(),

        // Compact, whatever the source's layout, so text compares and reads the same for every input.
        _ => JsonSerializer.Serialize(element.Value),
    };
}
