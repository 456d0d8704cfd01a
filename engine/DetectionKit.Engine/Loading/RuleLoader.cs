using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Engine.Loading;

/// <summary>
/// Finds every rule YAML under a rules root (recursively; <c>*.pack.yml</c> files are pack
/// definitions and <c>*.settings.yml</c> files an organisation's settings, not rules) and parses them
/// all, reporting problems together.
/// </summary>
public static class RuleLoader
{
    public static RuleLoadResult Load(string rulesRoot)
    {
        var diagnostics = new List<Diagnostic>();
        if (!Directory.Exists(rulesRoot))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.RulesDirectoryMissing, new SourceLocation(rulesRoot), "the rules directory does not exist (pass --rules DIR)"));
            return new RuleLoadResult([], diagnostics, []);
        }

        var files = FindRuleFiles(rulesRoot);
        var failed = new List<string>();
        var rules = new List<RuleDefinition>();
        var byId = new Dictionary<string, RuleDefinition>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var rule = RuleFileParser.Parse(file, rulesRoot, diagnostics);
            if (rule is null)
            {
                failed.Add(file);
                continue;
            }

            if (byId.TryGetValue(rule.Id, out var first))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DuplicateRuleId, rule.Location, $"rule id '{rule.Id}' is already used by {Path.GetRelativePath(Environment.CurrentDirectory, first.YamlPath)}; ids are unique across all loaded rules", rule.Id));
                continue;
            }

            byId.Add(rule.Id, rule);
            rules.Add(rule);
        }

        return new RuleLoadResult(CorrelationReferences.Check(rules, failed, diagnostics), diagnostics, files);
    }

    public static IReadOnlyList<string> FindRuleFiles(string rulesRoot) =>
        Directory.EnumerateFiles(rulesRoot, "*", SearchOption.AllDirectories)
            .Where(IsRuleFile)
            .Select(Path.GetFullPath)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static bool IsRuleFile(string path) =>
        (path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase))
        && !path.EndsWith(".pack.yml", StringComparison.OrdinalIgnoreCase)
        && !path.EndsWith(".pack.yaml", StringComparison.OrdinalIgnoreCase)
        && !path.EndsWith(".settings.yml", StringComparison.OrdinalIgnoreCase)
        && !path.EndsWith(".settings.yaml", StringComparison.OrdinalIgnoreCase);
}
