using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;
using DetectionKit.Engine.Sources;

namespace DetectionKit.Engine.Loading;

/// <summary>Reads one rule YAML file into a <see cref="RuleDefinition"/>, collecting every problem it finds.</summary>
public static partial class RuleFileParser
{
    /// <summary>Problems with recorded cases: they fail <c>test</c> and <c>validate</c>, not <c>run</c>.</summary>
    /// <summary>A case file is a handful of records: anything near this size is a mistake, or /dev/zero.</summary>
    private static readonly ReadLimits CaseFileLimits = new() { MaxObjectBytes = 16 * 1024 * 1024, MaxRecordBytes = 4 * 1024 * 1024 };

    public static IReadOnlySet<string> CaseCodes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        DiagnosticCodes.CaseFileUnreadable,
        DiagnosticCodes.CaseFileOutsideRepository,
        DiagnosticCodes.DuplicateCaseName,
        DiagnosticCodes.CaseEventInvalid,
        DiagnosticCodes.CaseParameterInvalid,
    };

    public static RuleDefinition? Parse(string yamlPath, string rulesRoot, ICollection<Diagnostic> diagnostics)
    {
        if (SchemaValidator.Rules.ReadValid(yamlPath, diagnostics) is not { Root: JsonObject root } document)
        {
            return null;
        }

        var errorsBefore = diagnostics.Count;
        var id = root["id"]!.GetValue<string>();
        var directory = Path.GetDirectoryName(yamlPath)!;
        var name = Path.GetFileNameWithoutExtension(yamlPath);
        var scriptPath = Path.GetFullPath(Path.Combine(directory, root["script"]?.GetValue<string>() ?? name + ".csx"));
        // A correlation rule whose steps are other rules and whose keys are field paths needs no script.
        var hasScript = File.Exists(scriptPath) || root.ContainsKey("script") || root["correlation"] is null;
        if (!File.Exists(scriptPath) && hasScript)
        {
            var at = document.Positions.Find(root.ContainsKey("script") ? "/script" : "/id");
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ScriptMissing, at, $"the rule's script {Relative(scriptPath)} does not exist; create it with a 'bool Rule(CloudTrailEvent e)' function", id));
        }

        var correlation = CorrelationBlock.Read(root, document.Positions, id, hasScript, diagnostics);
        var parameters = ParameterDeclarations.Read(root["parameters"] as JsonObject, document.Positions, id, diagnostics);
        var tests = ParseCases(root["tests"]!.AsArray(), document.Positions, new CaseFolders(directory, RepositoryOf(rulesRoot)), id, parameters, diagnostics);
        SeverityNames.TryParse(root["severity"]!.GetValue<string>(), out var severity);
        var definition = new RuleDefinition
        {
            Id = id,
            Title = root["title"]!.GetValue<string>(),
            Severity = severity,
            Description = root["description"]?.GetValue<string>(),
            Runbook = root["runbook"]?.GetValue<string>(),
            References = Strings(root["references"]),
            Tags = Strings(root["tags"]),
            Mitre = Strings(root["mitre"]),
            Enabled = root["enabled"]?.GetValue<bool>() ?? true,
            Match = root["match"] is JsonObject match ? new EventMatch(Strings(match["eventSource"]), Strings(match["eventName"])) : EventMatch.Any,
            DedupPeriodMinutes = Integer(root["dedup"]?["periodMinutes"]) ?? 60,
            Threshold = Integer(root["threshold"]) ?? 1,
            Tests = tests,
            Correlation = correlation,
            FirstSeen = root["first_seen"] is JsonObject firstSeen ? FirstSeenOf(firstSeen, document.Positions, id, correlation is not null, diagnostics) : null,
            HasScript = hasScript,
            Sigma = root["sigma"] is JsonObject sigma ? SigmaOf(sigma) : null,
            Parameters = parameters,
            Pack = PackOf(yamlPath, rulesRoot),
            RulesRoot = Path.GetFullPath(rulesRoot),
            Name = name,
            YamlPath = Path.GetFullPath(yamlPath),
            ScriptPath = scriptPath,
            Location = document.Positions.Find("/id"),
            TestsLocation = document.Positions.Find("/tests"),
            Positions = document.Positions,
        };
        // A case that cannot be read fails test and validate, but does not stop the rule from running.
        var blocking = diagnostics.Skip(errorsBefore).Any(d => d.IsError && !CaseCodes.Contains(d.Code));
        return blocking ? null : definition;
    }

    private static List<RuleTestCase> ParseCases(JsonArray cases, PositionMap positions, CaseFolders folders, string ruleId, IReadOnlyList<ParameterDeclaration> parameters, ICollection<Diagnostic> diagnostics)
    {
        var result = new List<RuleTestCase>();
        var names = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        for (var index = 0; index < cases.Count; index++)
        {
            var item = cases[index]!.AsObject();
            var pointer = $"/tests/{index}";
            var location = positions.Find(pointer);
            var name = item["name"]!.GetValue<string>();
            if (!names.TryAdd(name, location))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DuplicateCaseName, positions.Find(pointer + "/name"), $"case name '{name}' is already used at line {names[name].Line}; case names are unique within a rule", ruleId));
                continue;
            }

            var file = item["file"]?.GetValue<string>();
            var events = file is not null ? ReadCaseFile(folders, file, positions.Find(pointer + "/file"), ruleId, diagnostics)
                : item["events"] is JsonArray sequence ? sequence.Select(e => JsonSerializer.SerializeToElement(e)).ToList()
                : [JsonSerializer.SerializeToElement(item["event"])];
            var values = ParameterDeclarations.ReadValues(item["parameters"] as JsonObject, pointer + "/parameters", parameters, positions, ruleId, diagnostics);
            if (events.Count > 0 && values is not null)
            {
                result.Add(new RuleTestCase(name, item["expect"]!.GetValue<bool>(), events, file, location) { Parameters = values });
            }
        }

        return result;
    }

    private static List<JsonElement> ReadCaseFile(CaseFolders folders, string file, SourceLocation at, string ruleId, ICollection<Diagnostic> diagnostics)
    {
        if (Confined(folders, file, at, ruleId, diagnostics) is not { } path)
        {
            return [];
        }

        if (!File.Exists(path))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.CaseFileUnreadable, at, $"case file {Relative(path)} does not exist (paths are relative to the rule's YAML file)", ruleId));
            return [];
        }

        RecordsRead read;
        try
        {
            read = CloudTrailJsonReader.ReadAll(path, File.OpenRead(path), CaseFileLimits);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.CaseFileUnreadable, at, $"case file {Relative(path)} cannot be read: {ex.Message}", ruleId));
            return [];
        }

        foreach (var problem in read.Problems)
        {
            var position = problem.Location.Line > 0 ? $"{problem.Location.Line}:{problem.Location.Column}: " : string.Empty;
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.CaseFileUnreadable, at, $"case file {Relative(path)}: {position}{WithoutQuotedBytes(problem.Message)}", ruleId));
        }

        if (read.Problems.Count == 0 && read.Records.Count == 0)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.CaseFileUnreadable, at, $"case file {Relative(path)} holds no CloudTrail record", ruleId));
        }

        return read.Problems.Count > 0 ? [] : [.. read.Records];
    }

    /// <summary>
    /// The real path of a case file inside the rules repository, or null (reported) for one outside
    /// it: such a file is never opened, so nothing of it reaches a snapshot, a diff or a message.
    /// </summary>
    private static string? Confined(CaseFolders folders, string file, SourceLocation at, string ruleId, ICollection<Diagnostic> diagnostics)
    {
        const string Fix = "case files are read only from inside the rules repository: copy the records there (under fixtures/ or beside the rule) and give a path relative to the rule's YAML file";
        var repository = folders.Repository;
        if (Path.IsPathRooted(file))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.CaseFileOutsideRepository, at, $"case file '{file}' is an absolute path; {Fix}", ruleId));
            return null;
        }

        // Refused on its spelling first, so a path that climbs out is not even looked at.
        if (!RealPath.IsWithin(Path.GetFullPath(Path.Combine(folders.RuleDirectory, file)), repository))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.CaseFileOutsideRepository, at, $"case file '{file}' leads outside the rules repository ({Relative(repository)}); {Fix}", ruleId));
            return null;
        }

        var real = RealPath.Of(folders.RuleDirectory, file);
        var realRepository = RealPath.Of(repository);
        if (real is null || realRepository is null)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.CaseFileOutsideRepository, at, $"case file '{file}' goes through a cycle of symbolic links; {Fix}", ruleId));
            return null;
        }

        if (!RealPath.IsWithin(real, realRepository))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.CaseFileOutsideRepository, at, $"case file '{file}' is a symbolic link (or lies under one) to {real}, outside the rules repository {Relative(repository)}; {Fix}", ruleId));
            return null;
        }

        return real;
    }

    /// <summary>
    /// The rules repository: the folder that holds the rules root (and fixtures/ beside it), or the
    /// root itself when it has no parent.
    /// </summary>
    private static string RepositoryOf(string rulesRoot)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rulesRoot));
        return Path.GetDirectoryName(root) ?? root;
    }

    /// <summary>
    /// A reader's message without the bytes it quotes (System.Text.Json names the offending
    /// character: <c>'r' is an invalid start of a value</c>): a case file's content never reaches
    /// a message, and the line and column already say where to look.
    /// </summary>
    private static string WithoutQuotedBytes(string message) => QuotedFragment().Replace(message, "'…'");

    [GeneratedRegex("'[^'\\r\\n]{1,64}'")]
    private static partial Regex QuotedFragment();

    private sealed record CaseFolders(string RuleDirectory, string Repository);

    // YAML integers are Int64 nodes (decimal past Int64) and 1.0 is a double; the schema has
    // already checked for a positive whole number, so only the conversion and the upper bound are left.
    private static int? Integer(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<long>(out var number) => (int)Math.Min(number, int.MaxValue),
        JsonValue value when value.TryGetValue<double>(out var real) => (int)Math.Min(Math.Round(real), int.MaxValue),
        JsonValue value when value.TryGetValue<decimal>(out var big) => (int)Math.Min(big, int.MaxValue),
        _ => null,
    };

    private static FirstSeenDefinition? FirstSeenOf(JsonObject block, PositionMap positions, string ruleId, bool isCorrelation, ICollection<Diagnostic> diagnostics)
    {
        if (isCorrelation)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.CorrelationInvalid, positions.Find("/first_seen"), "'first_seen' raises the matches of a rule of single events; a correlation rule alerts once per sequence, so remove it", ruleId));
            return null;
        }

        SeverityNames.TryParse(block["severity"]!.GetValue<string>(), out var severity);
        var within = CorrelationBlock.Timespan(block["within"]!.GetValue<string>());
        if (within > FirstSeenDefinition.MaxWithin)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.CorrelationInvalid, positions.Find("/first_seen/within"), $"'within' is at most {FirstSeenDefinition.MaxWithin.TotalDays:0}d: the state keeps first-seen times no longer", ruleId));
            return null;
        }

        return new FirstSeenDefinition(within, severity);
    }

    private static SigmaOrigin SigmaOf(JsonObject sigma) => new()
    {
        Id = sigma["id"]?.GetValue<string>(),
        File = sigma["file"]?.GetValue<string>(),
        Status = sigma["status"]?.GetValue<string>(),
        Author = sigma["author"]?.GetValue<string>(),
        Date = sigma["date"]?.GetValue<string>(),
        Modified = sigma["modified"]?.GetValue<string>(),
        License = sigma["license"]?.GetValue<string>(),
    };

    /// <summary>A string-or-list value of the YAML (the schema has checked it) as a list.</summary>
    internal static IReadOnlyList<string> Strings(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.Select(item => item!.GetValue<string>()).ToList(),
        _ => [node.GetValue<string>()],
    };

    private static string PackOf(string yamlPath, string rulesRoot)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(rulesRoot), Path.GetDirectoryName(Path.GetFullPath(yamlPath))!);
        return relative == "." ? string.Empty : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    private static string Relative(string path) => Path.GetRelativePath(Environment.CurrentDirectory, path);
}
