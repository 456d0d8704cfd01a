using System.Text.Json;
using System.Text.Json.Nodes;
using DetectionKit.Engine.Diagnostics;
using Json.Schema;

namespace DetectionKit.Engine.Loading;

/// <summary>
/// Applies a JSON Schema shipped in this assembly to a YAML document and reports each violation at
/// the YAML line it concerns, in words a rule author can act on.
/// </summary>
public sealed class SchemaValidator
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List };

    private readonly JsonSchema schema;
    private readonly JsonNode schemaJson;

    private SchemaValidator(string text)
    {
        schemaJson = JsonNode.Parse(text) ?? throw new InvalidOperationException("empty schema");
        schema = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    /// <summary>The validator for <c>rules.schema.json</c>.</summary>
    public static SchemaValidator Rules { get; } = FromResource("rules.schema.json");

    public static SchemaValidator FromResource(string name)
    {
        using var stream = typeof(SchemaValidator).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"schema resource {name} is missing from the engine assembly");
        using var reader = new StreamReader(stream);
        return new SchemaValidator(reader.ReadToEnd());
    }

    /// <summary>Adds a diagnostic per violation; returns true when the document is valid.</summary>
    public bool Validate(YamlDocument document, ICollection<Diagnostic> diagnostics)
    {
        var instance = JsonSerializer.SerializeToElement(document.Root);
        var results = schema.Evaluate(instance, Options);
        if (results.IsValid)
        {
            return true;
        }

        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var detail in results.Details ?? [])
        {
            if (detail.Errors is null)
            {
                continue;
            }

            foreach (var (keyword, error) in detail.Errors)
            {
                var pointer = detail.InstanceLocation.ToString() ?? string.Empty;
                var evaluationPath = detail.EvaluationPath.ToString() ?? string.Empty;
                var (code, message) = Describe(pointer, evaluationPath, keyword, error, document.Root);
                if (reported.Add(pointer + "\n" + message))
                {
                    diagnostics.Add(Diagnostic.Error(code, document.Positions.Find(pointer), message));
                }
            }
        }

        if (reported.Count == 0)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SchemaViolation, document.Positions.Find(string.Empty), "the file does not match rules.schema.json"));
        }

        return false;
    }

    private (string Code, string Message) Describe(string pointer, string evaluationPath, string keyword, string error, JsonNode? root)
    {
        var where = pointer.Length == 0 ? "the rule" : $"'{Display(pointer)}'";
        if (evaluationPath.Contains("/additionalProperties", StringComparison.Ordinal))
        {
            var key = Unescape(pointer[(pointer.LastIndexOf('/') + 1)..]);
            var parent = pointer[..pointer.LastIndexOf('/')];
            var known = KnownKeys(evaluationPath[..evaluationPath.LastIndexOf("/additionalProperties", StringComparison.Ordinal)]);
            var suggestion = Suggest(key, known);
            var hint = suggestion is null ? $"known keys: {string.Join(", ", known)}" : $"did you mean '{suggestion}'?";
            var owner = parent.Length == 0 ? string.Empty : $" in '{Display(parent)}'";
            return (DiagnosticCodes.UnknownKey, $"unknown key '{key}'{owner} ({hint})");
        }

        var message = keyword switch
        {
            "required" => $"{where} is missing {error.Replace("Required properties", "required key(s)", StringComparison.Ordinal).Replace(" are not present", string.Empty, StringComparison.Ordinal)}",
            "enum" => $"{where} must be one of {AllowedValues(evaluationPath)}",
            "oneOf" when evaluationPath.EndsWith("/oneOf", StringComparison.Ordinal) && Lookup(evaluationPath)?.ToJsonString().Contains("\"event\"", StringComparison.Ordinal) == true =>
                $"{where} needs exactly one of 'event' (inline record) or 'file' (path to a record file)",
            "anyOf" => $"{where} must be a string or a non-empty list of strings",
            "pattern" => $"{where} is '{ValueAt(root, pointer)}', which does not match the pattern {Lookup(evaluationPath + "/..")?["pattern"]?.GetValue<string>() ?? error}",
            "type" => $"{where}: {error}",
            _ => $"{where}: {error}",
        };
        return (DiagnosticCodes.SchemaViolation, message);
    }

    private IReadOnlyList<string> KnownKeys(string objectSchemaPath) =>
        Lookup(objectSchemaPath + "/properties") is JsonObject properties
            ? properties.Select(p => p.Key).ToList()
            : [];

    private string AllowedValues(string evaluationPath) =>
        Lookup(evaluationPath) is JsonArray values ? string.Join(", ", values.Select(v => v?.ToJsonString())) : "the listed values";

    /// <summary>Follows an evaluation path (with <c>$ref</c> steps) through the schema document.</summary>
    private JsonNode? Lookup(string evaluationPath)
    {
        var node = schemaJson;
        foreach (var raw in evaluationPath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = Unescape(raw);
            if (segment == "..")
            {
                return node?.Parent?.Parent is { } grand ? grand : node?.Parent;
            }

            if (segment == "$ref" && node?["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith("#/", StringComparison.Ordinal))
            {
                node = Lookup(reference[1..]);
                continue;
            }

            node = node switch
            {
                JsonObject obj => obj[segment],
                JsonArray array when int.TryParse(segment, out var index) && index < array.Count => array[index],
                _ => null,
            };
        }

        return node;
    }

    private static string? ValueAt(JsonNode? root, string pointer)
    {
        var node = root;
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = Unescape(raw);
            node = node switch
            {
                JsonObject obj => obj[segment],
                JsonArray array when int.TryParse(segment, out var index) && index < array.Count => array[index],
                _ => null,
            };
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString();
    }

    private static string Display(string pointer) =>
        string.Join('.', pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Unescape));

    private static string Unescape(string token) => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    private static string? Suggest(string key, IReadOnlyList<string> known) =>
        known.Select(k => (Key: k, Distance: EditDistance.Between(key.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(2, c.Key.Length / 3))
            .OrderBy(c => c.Distance)
            .Select(c => c.Key)
            .FirstOrDefault();
}
