using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DetectionKit.Engine.Diagnostics;
using Json.Schema;

namespace DetectionKit.Engine.Loading;

/// <summary>
/// Applies a JSON Schema shipped in this assembly to a YAML document and reports each violation at
/// the YAML line it concerns, in words a rule author can act on.
/// </summary>
public sealed partial class SchemaValidator
{
    // Hierarchical, so failures inside an anyOf/oneOf branch can be told apart from failures of the
    // combinator itself: a flat list also holds the errors of branches that did not need to pass.
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.Hierarchical };

    // Most files are valid: a pass that only answers yes or no costs a fraction of one that explains.
    private static readonly EvaluationOptions VerdictOnly = new() { OutputFormat = OutputFormat.Flag };

    private readonly JsonSchema schema;
    private readonly JsonNode schemaJson;

    private SchemaValidator(string text)
    {
        schemaJson = JsonNode.Parse(text) ?? throw new InvalidOperationException("empty schema");
        schema = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    /// <summary>The validator for <c>rules.schema.json</c>.</summary>
    public static SchemaValidator Rules { get; } = FromResource("rules.schema.json");

    public static SchemaValidator FromResource(string name) => new(ResourceText(name));

    /// <summary>
    /// The text of a schema shipped in this assembly (<c>rules.schema.json</c>, <c>pack.schema.json</c>,
    /// <c>schedule.schema.json</c>, <c>settings.schema.json</c>): the one files are checked against, so a
    /// copy written out for an editor says exactly what the tool says.
    /// </summary>
    public static string ResourceText(string name)
    {
        using var stream = typeof(SchemaValidator).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"schema resource {name} is missing from the engine assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Reads a YAML file and checks it against the schema: the root object when all is well, null
    /// (with diagnostics naming the file) when the file cannot be read, parsed or validated.
    /// </summary>
    public YamlDocument? ReadValid(string path, ICollection<Diagnostic> diagnostics, YamlLimits? limits = null) =>
        Read(path, diagnostics, out var valid, limits) is { } document && valid ? document : null;

    /// <summary>
    /// Reads a YAML file and checks it against the schema, returning the document whenever it parsed to
    /// a mapping, valid or not (<paramref name="valid"/> says which): a configuration file's semantic
    /// checks then run on what is well formed, so one pass reports the schema's problems and theirs
    /// together. Null (with diagnostics naming the file) when the file cannot be read or parsed.
    /// </summary>
    public YamlDocument? Read(string path, ICollection<Diagnostic> diagnostics, out bool valid, YamlLimits? limits = null)
    {
        valid = false;
        limits ??= YamlLimits.Default;
        string? text;
        try
        {
            text = ReadText(path, limits.MaxFileBytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.YamlSyntax, new SourceLocation(path), $"cannot read the file: {ex.Message}"));
            return null;
        }

        if (text is null)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.YamlTooLarge, new SourceLocation(path), $"the file is larger than {limits.MaxFileBytes / 1024:N0} KiB, the most a YAML file may hold; a rule, pack, schedule or settings file is a few kilobytes (is this the right file?)"));
            return null;
        }

        var document = YamlDocument.Parse(path, text, diagnostics, limits);
        if (document is null)
        {
            return null;
        }

        valid = Validate(document, diagnostics) && document.Root is JsonObject;
        return document.Root is JsonObject ? document : null;
    }

    /// <summary>
    /// The file's text (its byte order mark, if any, tells the encoding; UTF-8 otherwise), or null
    /// when it holds more than <paramref name="maxBytes"/>: no more than that is read, so a link to
    /// <c>/dev/zero</c> or a pipe that never ends costs one bounded read.
    /// </summary>
    public static string? ReadText(string path, int maxBytes)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        if (file.CanSeek && file.Length > maxBytes)
        {
            return null;
        }

        // A device's length says nothing (/dev/zero has none and never ends): the bytes are counted as they come.
        using var content = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = file.Read(chunk)) > 0)
        {
            if (content.Length + read > maxBytes)
            {
                return null;
            }

            content.Write(chunk, 0, read);
        }

        content.Position = 0;
        using var reader = new StreamReader(content, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>Adds a diagnostic per violation; returns true when the document is valid.</summary>
    public bool Validate(YamlDocument document, ICollection<Diagnostic> diagnostics)
    {
        var instance = JsonSerializer.SerializeToElement(document.Root);
        if (schema.Evaluate(instance, VerdictOnly).IsValid)
        {
            return true;
        }

        var results = schema.Evaluate(instance, Options);
        if (results.IsValid)
        {
            return true;
        }

        var reported = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<Diagnostic>();
        Report(results, document, found, reported);
        if (found.Count == 0)
        {
            found.Add(Diagnostic.Error(DiagnosticCodes.SchemaViolation, document.Positions.Find(string.Empty), "the file does not match its schema"));
        }

        // 'serverity' is one mistake: the unknown key says so and suggests 'severity', so the
        // "missing severity" that follows from it would only be noise.
        var suggested = found.Where(d => d.Code == DiagnosticCodes.UnknownKey)
            .Select(d => SuggestionPattern().Match(d.Message))
            .Where(m => m.Success)
            .Select(m => $"[\"{m.Groups[1].Value}\"]")
            .ToList();
        foreach (var diagnostic in found.Where(d => !(d.Code == DiagnosticCodes.SchemaViolation && suggested.Any(key => d.Message.EndsWith("required key(s) " + key, StringComparison.Ordinal)))))
        {
            diagnostics.Add(diagnostic);
        }

        return false;
    }

    // Descends only into failed nodes, and never into anyOf/oneOf branches: a branch's errors
    // matter only when the combinator failed, and then one message about the combinator says more.
    private void Report(EvaluationResults node, YamlDocument document, ICollection<Diagnostic> diagnostics, HashSet<string> reported)
    {
        var pointer = node.InstanceLocation.ToString() ?? string.Empty;
        var evaluationPath = node.EvaluationPath.ToString() ?? string.Empty;
        foreach (var (keyword, error) in node.Errors ?? new Dictionary<string, string>())
        {
            Add(Describe(pointer, evaluationPath, keyword, error, document.Root), pointer, document, diagnostics, reported);
        }

        var children = node.Details ?? [];
        foreach (var branches in children.GroupBy(c => BranchOf(c) ?? string.Empty).Where(g => g.Key.Length > 0))
        {
            var passed = branches.Count(b => b.IsValid);
            var keyword = branches.Key[(branches.Key.LastIndexOf('/') + 1)..];
            if (keyword == "anyOf" ? passed == 0 : passed != 1)
            {
                var error = keyword == "anyOf" ? "must match one of the allowed forms" : "must match exactly one of the allowed forms";
                Add(Describe(pointer, evaluationPath, keyword, error, document.Root), pointer, document, diagnostics, reported);
            }
        }

        foreach (var child in children.Where(c => !c.IsValid && BranchOf(c) is null))
        {
            Report(child, document, diagnostics, reported);
        }
    }

    private static void Add((string Code, string Message) problem, string pointer, YamlDocument document, ICollection<Diagnostic> diagnostics, HashSet<string> reported)
    {
        if (reported.Add(pointer + "\n" + problem.Message))
        {
            diagnostics.Add(Diagnostic.Error(problem.Code, document.Positions.Find(pointer), problem.Message));
        }
    }

    // For a branch of an anyOf/oneOf, the evaluation path of the combinator; otherwise null.
    private static string? BranchOf(EvaluationResults node)
    {
        var match = BranchPattern().Match(node.EvaluationPath.ToString() ?? string.Empty);
        return match.Success ? match.Groups[1].Value : null;
    }

    private (string Code, string Message) Describe(string pointer, string evaluationPath, string keyword, string error, JsonNode? root)
    {
        var where = pointer.Length == 0 ? "the rule" : $"'{Display(pointer)}'";
        if (evaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal))
        {
            var key = Unescape(pointer[(pointer.LastIndexOf('/') + 1)..]);
            var parent = pointer[..pointer.LastIndexOf('/')];
            var known = SchemaAt(parent)?["properties"] is JsonObject properties ? properties.Select(p => p.Key).ToList() : [];
            var suggestion = ClosestName.ByEditDistance(key, known);
            var hint = suggestion is null ? $"known keys: {string.Join(", ", known)}" : $"did you mean '{suggestion}'?";
            var owner = parent.Length == 0 ? string.Empty : $" in '{Display(parent)}'";
            return (DiagnosticCodes.UnknownKey, $"unknown key '{key}'{owner} ({hint})");
        }

        // A map's key (a parameter's name, a rule id in a settings file) that its propertyNames refuse.
        if (evaluationPath.Contains("/propertyNames", StringComparison.Ordinal) && pointer.Length > 0)
        {
            var name = Unescape(pointer[(pointer.LastIndexOf('/') + 1)..]);
            var map = pointer[..pointer.LastIndexOf('/')];
            var pattern = SchemaAt(map)?["propertyNames"]?["pattern"]?.GetValue<string>();
            return (DiagnosticCodes.SchemaViolation, $"'{name}' is not a valid name in '{Display(map)}'{(pattern is null ? string.Empty : $": names match {pattern}")}");
        }

        var at = SchemaAt(pointer);
        var message = keyword switch
        {
            "required" => $"{where} is missing {error.Replace("Required properties", "required key(s)", StringComparison.Ordinal).Replace(" are not present", string.Empty, StringComparison.Ordinal)}",
            "enum" => $"{where} must be one of {(at?["enum"] is JsonArray values ? string.Join(", ", values.Select(v => v?.ToJsonString())) : "the listed values")}",
            "oneOf" when at?["oneOf"]?.ToJsonString().Contains("\"event\"", StringComparison.Ordinal) == true =>
                $"{where} needs exactly one of 'event' (inline record) or 'file' (path to a record file)",
            "anyOf" => $"{where} must be a string or a non-empty list of strings",
            "pattern" => $"{where} is '{ValueAt(root, pointer)}', which does not match the pattern {at?["pattern"]?.GetValue<string>() ?? error}",
            _ => $"{where}: {error}",
        };
        return (DiagnosticCodes.SchemaViolation, message);
    }

    // The subschema that applies at an instance location, found by walking properties, items and
    // $ref from the root. The library's output paths are not used for this: they differ between its
    // versions (JsonSchema.Net 8 repeats "items" segments and suffixes schema locations).
    private JsonNode? SchemaAt(string pointer)
    {
        var node = Resolve(schemaJson);
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = Unescape(raw);
            // A map's entries (a settings file's rules by id, a rule's parameters by name) share one schema.
            node = Resolve(int.TryParse(segment, out _) && node?["items"] is { } items ? items : node?["properties"]?[segment] ?? node?["additionalProperties"] as JsonObject);
        }

        return node;
    }

    private JsonNode? Resolve(JsonNode? node)
    {
        while (node?["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith("#/", StringComparison.Ordinal))
        {
            node = schemaJson;
            foreach (var raw in reference[2..].Split('/'))
            {
                node = node?[Unescape(raw)];
            }
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

    [GeneratedRegex(@"did you mean '([^']+)'\?")]
    private static partial Regex SuggestionPattern();

    [GeneratedRegex(@"^(.*/(?:anyOf|oneOf))/[0-9]+$")]
    private static partial Regex BranchPattern();
}
