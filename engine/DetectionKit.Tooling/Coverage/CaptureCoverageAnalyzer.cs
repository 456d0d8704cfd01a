using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Rules;
using DetectionKit.Tooling.Captures;

namespace DetectionKit.Tooling.Coverage;

/// <summary>The captures section of the report: each capture replayed, its alerts summed by rule.</summary>
internal static class CaptureCoverageAnalyzer
{
    public static CaptureCoverage Analyze(RuleSet rules, IReadOnlyList<RuleDefinition> definitions, CaptureDirectory captures, List<Diagnostic> diagnostics)
    {
        var caseFiles = CaseFiles(definitions);
        var outcomes = new List<CaptureOutcome>();
        foreach (var capture in CaptureReplay.Replay(rules, captures))
        {
            diagnostics.AddRange(capture.Problems);
            var alerts = capture.Alerts
                .GroupBy(a => a.RuleId, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new CaptureRuleAlerts(g.Key, g.Max(a => a.Severity), g.Count(), g.Sum(a => a.EventCount)))
                .ToList();
            outcomes.Add(new CaptureOutcome(capture.Name, TacticOf(capture.Name), capture.Events, capture.Matches, alerts, caseFiles.Contains(Path.GetFullPath(capture.Path))));
        }

        return new CaptureCoverage(captures.Root, outcomes);
    }

    /// <summary>Stratus Red Team names its captures <c>aws.&lt;tactic&gt;.&lt;technique&gt;.json</c>; other names give no tactic.</summary>
    private static string? TacticOf(string name)
    {
        var parts = Path.GetFileName(name).Split('.');
        return parts.Length > 2 && AttackMatrix.TacticByShortName(parts[1]) is not null ? parts[1] : null;
    }

    /// <summary>The full paths of every file a rule's cases read (paths in the YAML are relative to it).</summary>
    private static HashSet<string> CaseFiles(IReadOnlyList<RuleDefinition> definitions) =>
        definitions
            .SelectMany(rule => rule.Tests.Where(t => t.File is not null).Select(t => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(rule.YamlPath)!, t.File!))))
            .ToHashSet(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
}
