using System.Text.Json;
using System.Text.Json.Nodes;

namespace DetectionKit.Cli.Hunting;

/// <summary>A value as text in a table or CSV cell: a string as it is, anything else as its JSON, null as nothing.</summary>
internal static class CellText
{
    public static string Of(JsonNode? value) => value switch
    {
        null => string.Empty,
        JsonValue text when text.GetValueKind() == JsonValueKind.String => text.GetValue<string>(),
        _ => value.ToJsonString(),
    };
}
