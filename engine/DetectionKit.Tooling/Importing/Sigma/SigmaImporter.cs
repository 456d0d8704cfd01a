using System.Text.RegularExpressions;
using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary>
/// <c>import sigma</c>: converts every Sigma file under a path and writes each converted rule as
/// <c>&lt;rules&gt;/&lt;pack&gt;/&lt;name&gt;.yml</c> and <c>.csx</c>, named after the Sigma file
/// (<c>aws_cloudtrail_disable_logging.yml</c> → <c>aws-cloudtrail-disable-logging</c>, id
/// <c>&lt;pack with dots&gt;.aws-cloudtrail-disable-logging</c>). Existing files are not overwritten
/// without <see cref="SigmaImportOptions.Force"/>; a rule that did not convert writes nothing.
/// </summary>
public static partial class SigmaImporter
{
    /// <summary>The Sigma files a source names: the file itself, or a folder's <c>*.yml</c> and <c>*.yaml</c> at any depth, in ordinal path order.</summary>
    public static IReadOnlyList<string> SourceFiles(string source) =>
        File.Exists(source)
            ? [source]
            : [.. Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => f, StringComparer.Ordinal)];

    /// <summary>True when <paramref name="pack"/> is a folder path of letters, digits, '-', '_' and '.' parts.</summary>
    public static bool IsPackName(string pack) => PackPattern().IsMatch(pack) && pack.Split('/').All(p => p.Trim('.').Length > 0);

    public static SigmaImportReport Import(SigmaImportOptions options, SigmaConverter? converter = null)
    {
        converter ??= new SigmaConverter();
        var pack = options.Pack.Trim('/');
        var folder = Path.Combine(options.RulesRoot, pack);
        var schema = SchemaReference(folder, options.RulesRoot);
        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        var results = new List<SigmaConversion>();
        foreach (var path in SourceFiles(options.Source))
        {
            var name = RuleName(path);
            var id = $"{pack.Replace('/', '.')}.{name}";
            var conversion = converter.Convert(path, id, schema);
            if (conversion.Outcome != SigmaOutcome.Converted)
            {
                results.Add(conversion);
                continue;
            }

            var yamlPath = Path.Combine(folder, name + ".yml");
            var scriptPath = Path.Combine(folder, name + ".csx");
            conversion = conversion with { YamlPath = yamlPath, ScriptPath = scriptPath };
            var problems = new List<Diagnostic>(conversion.Diagnostics);
            if (taken.TryGetValue(name, out var first))
            {
                problems.Add(Diagnostic.Error(DiagnosticCodes.SigmaTargetExists, new SourceLocation(path, 1, 1), $"{first} already converts to {yamlPath}; rename one of the two Sigma files"));
            }
            else if (!options.Force && (File.Exists(yamlPath) || File.Exists(scriptPath)))
            {
                problems.Add(Diagnostic.Error(DiagnosticCodes.SigmaTargetExists, new SourceLocation(File.Exists(yamlPath) ? yamlPath : scriptPath), $"already exists; not overwritten (its recorded cases would be lost): pass --force to replace it with {path}, or --pack to import elsewhere"));
            }

            if (problems.Any(p => p.IsError))
            {
                results.Add(conversion with { Outcome = SigmaOutcome.Failed, Yaml = null, Script = null, YamlPath = null, ScriptPath = null, Diagnostics = problems });
                continue;
            }

            taken[name] = path;
            problems.Add(Diagnostic.Warning(DiagnosticCodes.SigmaImportedDisabled, new SourceLocation(yamlPath, LineOf(conversion.Yaml!, "enabled: false"), 1), $"'{id}' is written disabled: it has no cases yet (record real ones, then enable it)"));
            if (!options.DryRun)
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(yamlPath, conversion.Yaml);
                File.WriteAllText(scriptPath, conversion.Script);
            }

            results.Add(conversion with { Diagnostics = problems });
        }

        return new SigmaImportReport(results);
    }

    /// <summary>The rule's file name: the Sigma file's name in lower case, with runs of anything but letters and digits made one '-'.</summary>
    public static string RuleName(string sigmaPath)
    {
        var name = NotWord().Replace(Path.GetFileNameWithoutExtension(sigmaPath).ToLowerInvariant(), "-").Trim('-');
        return name.Length == 0 ? "sigma-rule" : name;
    }

    /// <summary>rules.schema.json relative to the rule folder: the first one found from the rules directory up, else beside the rules directory.</summary>
    private static string SchemaReference(string folder, string rulesRoot)
    {
        var full = Path.GetFullPath(folder);
        for (var directory = new DirectoryInfo(Path.GetFullPath(rulesRoot)); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "rules.schema.json");
            if (File.Exists(candidate))
            {
                return Path.GetRelativePath(full, candidate).Replace('\\', '/');
            }
        }

        return Path.GetRelativePath(full, Path.Combine(Path.GetFullPath(rulesRoot), "..", "rules.schema.json")).Replace('\\', '/');
    }

    private static int LineOf(string text, string line) => Array.IndexOf(text.Split('\n'), line) + 1;

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotWord();

    [GeneratedRegex(@"^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")]
    private static partial Regex PackPattern();
}
