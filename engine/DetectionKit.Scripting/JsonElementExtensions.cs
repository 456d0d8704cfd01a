using System.Text.Json;

namespace DetectionKit.Scripting;

/// <summary>
/// Reading any JSON element of a record the way <see cref="CloudTrailEvent"/> reads the record: by
/// dotted path, and with "one value or an array of values" enumerated the same way either form.
/// Paths are as in <see cref="CloudTrailEvent.Get"/>: property names separated by dots, matched
/// case-sensitively, a numeric segment indexing an array.
/// </summary>
public static class JsonElementExtensions
{
    /// <summary>
    /// The value at a dotted path as text (strings as they are, numbers and booleans as JSON text, objects
    /// and arrays as compact JSON); null when absent or JSON <c>null</c>: <c>selector.Get("readWriteType")</c>.
    /// </summary>
    /// <param name="element">The element the path starts from.</param>
    /// <param name="path">A dotted path relative to <paramref name="element"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static string? Get(this JsonElement element, string path) => JsonPath.AsText(JsonPath.Find(element, path));

    /// <summary>The element at a dotted path; null when absent or JSON <c>null</c>.</summary>
    /// <param name="element">The element the path starts from.</param>
    /// <param name="path">A dotted path relative to <paramref name="element"/>.</param>
    public static JsonElement? Element(this JsonElement element, string path) =>
        JsonPath.Find(element, path) is { ValueKind: not JsonValueKind.Null } found ? found : null;

    /// <summary>True when the path exists and is not JSON <c>null</c>.</summary>
    /// <param name="element">The element the path starts from.</param>
    /// <param name="path">A dotted path relative to <paramref name="element"/>.</param>
    public static bool Has(this JsonElement element, string path) => element.Element(path) is not null;

    /// <summary>The value at a dotted path inside an element that may be absent, as text; null when either is absent.</summary>
    /// <param name="element">The element the path starts from, or null.</param>
    /// <param name="path">A dotted path relative to <paramref name="element"/>.</param>
    public static string? Get(this JsonElement? element, string path) => element?.Get(path);

    /// <summary>The element at a dotted path inside an element that may be absent; null when either is absent or JSON <c>null</c>.</summary>
    /// <param name="element">The element the path starts from, or null.</param>
    /// <param name="path">A dotted path relative to <paramref name="element"/>.</param>
    public static JsonElement? Element(this JsonElement? element, string path) => element?.Element(path);

    /// <summary>True when the element is present and the path inside it exists and is not JSON <c>null</c>.</summary>
    /// <param name="element">The element the path starts from, or null.</param>
    /// <param name="path">A dotted path relative to <paramref name="element"/>.</param>
    public static bool Has(this JsonElement? element, string path) => element?.Has(path) ?? false;

    /// <summary>The values at a dotted path inside an element that may be absent, as <see cref="Values(JsonElement)"/> enumerates them; nothing when either is absent.</summary>
    /// <param name="element">The element the path starts from, or null.</param>
    /// <param name="path">A dotted path relative to <paramref name="element"/>.</param>
    public static IEnumerable<JsonElement> Values(this JsonElement? element, string path) => element?.Values(path) ?? [];

    /// <summary>The text values at a dotted path inside an element that may be absent, as <see cref="Strings(JsonElement)"/> gives them; nothing when either is absent.</summary>
    /// <param name="element">The element the path starts from, or null.</param>
    /// <param name="path">A dotted path relative to <paramref name="element"/>.</param>
    public static IEnumerable<string> Strings(this JsonElement? element, string path) => element?.Strings(path) ?? [];

    /// <summary>The element itself as text, as <see cref="Get(JsonElement, string)"/> gives values; null for JSON <c>null</c> and for a default (undefined) element.</summary>
    /// <param name="element">The element.</param>
    public static string? AsText(this JsonElement element) => JsonPath.AsText(element);

    /// <summary>
    /// The items of an array; any other value as one item; nothing for JSON <c>null</c>, a default
    /// (undefined) element or a null <see cref="Nullable{T}"/>. An array's items are not flattened further.
    /// </summary>
    /// <param name="element">The value or array.</param>
    public static IEnumerable<JsonElement> Values(this JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray(),
        JsonValueKind.Null or JsonValueKind.Undefined => [],
        _ => [element],
    };

    /// <inheritdoc cref="Values(JsonElement)"/>
    public static IEnumerable<JsonElement> Values(this JsonElement? element) => element?.Values() ?? [];

    /// <summary>The value or values at a dotted path: <c>policy.Values("Statement")</c> whether it is one statement or a list; nothing when absent.</summary>
    /// <param name="element">The element the path starts from.</param>
    /// <param name="path">A dotted path relative to <paramref name="element"/>.</param>
    public static IEnumerable<JsonElement> Values(this JsonElement element, string path) => element.Element(path).Values();

    /// <summary>The value or values (as in <see cref="Values(JsonElement)"/>) as text (as in <see cref="AsText"/>), leaving out JSON <c>null</c>s.</summary>
    /// <param name="element">The value or array.</param>
    public static IEnumerable<string> Strings(this JsonElement element) =>
        element.Values().Select(value => value.AsText()).OfType<string>();

    /// <inheritdoc cref="Strings(JsonElement)"/>
    public static IEnumerable<string> Strings(this JsonElement? element) => element?.Strings() ?? [];

    /// <summary>The value or values at a dotted path as text, leaving out JSON <c>null</c>s: <c>statement.Strings("Action")</c>; nothing when absent.</summary>
    /// <param name="element">The element the path starts from.</param>
    /// <param name="path">A dotted path relative to <paramref name="element"/>.</param>
    public static IEnumerable<string> Strings(this JsonElement element, string path) => element.Element(path).Strings();
}
