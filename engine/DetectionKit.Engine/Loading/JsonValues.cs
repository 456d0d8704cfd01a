using System.Text.Json.Nodes;

namespace DetectionKit.Engine.Loading;

/// <summary>
/// Reads values of a document that may have broken its schema: each accessor gives the value when it
/// has the expected type and null (or nothing) otherwise, so the checks after the schema's can run on
/// what is well formed and leave the rest to the schema's own diagnostics.
/// </summary>
internal static class JsonValues
{
    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static JsonObject? Object(JsonNode? node) => node as JsonObject;

    public static JsonArray? Array(JsonNode? node) => node as JsonArray;

    /// <summary>The string items of a list; an item of another type is left out.</summary>
    public static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(Text).OfType<string>().ToList() : [];
}
