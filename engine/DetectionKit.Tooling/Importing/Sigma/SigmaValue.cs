using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary>One value of a Sigma field as written: a string, a number, a boolean, or null.</summary>
/// <param name="Node">The value as the YAML reader typed it; null for YAML <c>null</c> (or an empty value).</param>
/// <param name="Location">Where it is written.</param>
public sealed record SigmaValue(JsonNode? Node, SourceLocation Location)
{
    /// <summary>Sigma's <c>null</c>: the field is absent or null.</summary>
    public bool IsNull => Node is null;

    /// <summary>Written as a string (quoted, or plain text that is not a number or a boolean).</summary>
    public bool IsString => Node is JsonValue value && value.GetValueKind() == JsonValueKind.String;

    /// <summary>
    /// The value as the text Sigma compares: strings as written, numbers and booleans as their text
    /// (Sigma treats every value as a string); null for <c>null</c>.
    /// </summary>
    public string? Text => Node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>() ? "true" : "false",
        JsonValue value when value.TryGetValue<long>(out var integer) => integer.ToString(CultureInfo.InvariantCulture),
        JsonValue value when value.TryGetValue<double>(out var real) => real.ToString("R", CultureInfo.InvariantCulture),
        JsonValue value when value.TryGetValue<decimal>(out var big) => big.ToString(CultureInfo.InvariantCulture),
        _ => Node.ToJsonString(),
    };
}
