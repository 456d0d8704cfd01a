using System.Text.RegularExpressions;
using DetectionKit.Engine.Rules;
using DetectionKit.Tooling.Testing;

namespace DetectionKit.Tooling.Watching;

/// <summary>
/// Which rules a set of changed files concerns: a rule's YAML, script, verified snapshot or case files
/// concern that rule; a shared library concerns the rules whose scripts load it, directly or through
/// another library; a settings or pack file (or lost events) concerns every rule. Received snapshots,
/// which the harness writes itself, and other files concern none.
/// </summary>
public sealed partial class ChangedRules
{
    private readonly HashSet<string> files;
    private readonly HashSet<string> libraries;
    private readonly Dictionary<string, IReadOnlyList<string>> loads = new(StringComparer.Ordinal);

    private ChangedRules(HashSet<string> files, HashSet<string> libraries, bool everything, IReadOnlyList<string> paths)
    {
        this.files = files;
        this.libraries = libraries;
        Everything = everything;
        Paths = paths;
    }

    /// <summary>The changed files that may concern a rule, in the order given (an editor's temporary files are not among them).</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>Every rule is concerned.</summary>
    public bool Everything { get; }

    /// <summary>Some rule may be concerned: a run is worth starting.</summary>
    public bool Any => Everything || files.Count > 0 || libraries.Count > 0;

    /// <param name="changed">Full paths, or <see cref="FileEvents.Overflow"/>.</param>
    /// <param name="rulesRoot">The rules directory.</param>
    /// <param name="settingsPath">The settings file the tests run under, or null.</param>
    public static ChangedRules Of(IEnumerable<string> changed, string rulesRoot, string? settingsPath)
    {
        var root = Path.GetFullPath(rulesRoot);
        var libraryFolder = Path.Combine(root, "_lib") + Path.DirectorySeparatorChar;
        var settings = settingsPath is null ? null : Path.GetFullPath(settingsPath);
        var files = new HashSet<string>(StringComparer.Ordinal);
        var libraries = new HashSet<string>(StringComparer.Ordinal);
        var everything = false;
        var paths = new List<string>();
        foreach (var path in changed)
        {
            if (path == FileEvents.Overflow || path == settings || IsPackFile(path))
            {
                everything = true;
            }
            else if (path.EndsWith(".csx", StringComparison.OrdinalIgnoreCase) && path.StartsWith(libraryFolder, StringComparison.Ordinal))
            {
                libraries.Add(path);
            }
            else if (IsRuleFile(path))
            {
                files.Add(path);
            }
            else
            {
                continue;
            }

            paths.Add(path);
        }

        return new ChangedRules(files, libraries, everything, paths);
    }

    /// <summary>Whether the changes concern the rule (read from the files as they are now).</summary>
    public bool Concerns(RuleDefinition rule) =>
        Everything
        || files.Contains(rule.YamlPath)
        || files.Contains(rule.ScriptPath)
        || files.Contains(rule.VerifiedSnapshotPath)
        || rule.Tests.Any(t => t.File is not null && files.Contains(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(rule.YamlPath)!, t.File))))
        || (libraries.Count > 0 && LoadsChangedLibrary(rule.ScriptPath, []));

    private bool LoadsChangedLibrary(string script, HashSet<string> seen)
    {
        foreach (var library in LoadsOf(script))
        {
            if (libraries.Contains(library) || (seen.Add(library) && LoadsChangedLibrary(library, seen)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The files a script names with <c>#load</c>, as full paths (relative to the script, as the compiler resolves them).</summary>
    private IReadOnlyList<string> LoadsOf(string script)
    {
        if (!loads.TryGetValue(script, out var named))
        {
            string text;
            try
            {
                text = File.ReadAllText(script);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                text = string.Empty;
            }

            named = [.. LoadDirective().Matches(text).Select(m => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(script)!, m.Groups[1].Value)))];
            loads[script] = named;
        }

        return named;
    }

    private static bool IsPackFile(string path) =>
        path.EndsWith(".pack.yml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".pack.yaml", StringComparison.OrdinalIgnoreCase);

    private static bool IsRuleFile(string path) =>
        path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".csx", StringComparison.OrdinalIgnoreCase)
        || (CaseFileEndings.Any(ending => path.EndsWith(ending, StringComparison.OrdinalIgnoreCase)) && !path.Contains(".received.", StringComparison.OrdinalIgnoreCase));

    /// <summary>What snapshots and case files end with: a case file is a record, a JSON array, JSON Lines, or any of them gzipped.</summary>
    private static readonly string[] CaseFileEndings = [".json", ".jsonl", ".ndjson", ".gz"];

    [GeneratedRegex("""^\s*#load\s+"([^"]+)"\s*$""", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex LoadDirective();
}
