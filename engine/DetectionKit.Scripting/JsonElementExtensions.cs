using System.Text.Json;

namespace DetectionKit.Scripting;

/// <summary>
/// Reading any JSON element of a record the way <see cref="CloudTrailEvent"/> reads the record: by
/// dotted path, and with "one value or an array of values" enumerated the same way either form.
/// </summary>
public static class JsonElementExtensions
{
    /// <summary>The value at a dotted path as text (strings as they are, numbers and booleans as JSON text, objects and arrays as compact JSON); null when absent or JSON null.</summary>
    public static string? Get(this JsonElement element, string path) => JsonPath.AsText(JsonPath.Find(element, path));

    /// <summary>The element at a dotted path; null when absent or JSON null.</summary>
    public static JsonElement? Element(this JsonElement element, string path) =>
        JsonPath.Find(element, path) is { ValueKind: not JsonValueKind.Null } found ? found : null;

    /// <summary>True when the path exists and is not JSON null.</summary>
    public static bool Has(this JsonElement element, string path) => element.Element(path) is not null;

    /// <summary>The element itself as text, as <see cref="Get"/> gives values; null for JSON null.</summary>
    public static string? AsText(this JsonElement element) => JsonPath.AsText(element);

    /// <summary>The items of an array; a single value as one item; nothing for null or an absent element.</summary>
    public static IEnumerable<JsonElement> Values(this JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray(),
        JsonValueKind.Null or JsonValueKind.Undefined => [],
        _ => [element],
    };

    /// <inheritdoc cref="Values(JsonElement)"/>
    public static IEnumerable<JsonElement> Values(this JsonElement? element) => element?.Values() ?? [];

    /// <summary>The value or values at a dotted path: <c>policy.Values("Statement")</c> whether it is one statement or a list.</summary>
    public static IEnumerable<JsonElement> Values(this JsonElement element, string path) => element.Element(path).Values();

    /// <summary>The value or values as text, leaving out JSON nulls.</summary>
    public static IEnumerable<string> Strings(this JsonElement element) =>
        element.Values().Select(value => value.AsText()).OfType<string>();

    /// <inheritdoc cref="Strings(JsonElement)"/>
    public static IEnumerable<string> Strings(this JsonElement? element) => element?.Strings() ?? [];

    /// <summary>The value or values at a dotted path as text: <c>statement.Strings("Action")</c>.</summary>
    public static IEnumerable<string> Strings(this JsonElement element, string path) => element.Element(path).Strings();
}
