using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Rules;
using DetectionKit.Engine.Running;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.State;

namespace DetectionKit.Tooling.Coverage;

/// <summary>
/// Replays each Stratus Red Team capture through the rule set and the alert pipeline, as <c>run</c>
/// does with a file (a fresh in-memory state per capture, so dedup windows and thresholds apply and
/// captures do not count towards each other's thresholds), and records the alerts each rule raised.
/// </summary>
internal static class StratusReplay
{
    private const string Scope = "run";

    public static StratusCoverage Run(RuleSet rules, IReadOnlyList<RuleDefinition> definitions, string directory, List<Diagnostic> diagnostics)
    {
        var caseFiles = CaseFiles(definitions);
        var ruleIds = rules.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var techniques = new List<StratusTechnique>();
        foreach (var file in Directory.EnumerateFiles(directory, "aws.*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var parts = name.Split('.');
            using var state = SqliteAlertStateStore.InMemory();
            // The report is computed synchronously; the file source never waits on anything but the disk.
            var summary = new DetectionRunner(rules, state, Scope).RunAsync(new FileEventSource([file])).GetAwaiter().GetResult();
            diagnostics.AddRange(summary.InputProblems);
            diagnostics.AddRange(summary.RuleErrors.Select(error => error.ToDiagnostic()));
            var alerts = state.Undelivered(Scope, "coverage", ruleIds)
                .GroupBy(a => a.RuleId, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new StratusRuleAlerts(g.Key, g.Max(a => a.Severity), g.Count(), g.Sum(a => a.EventCount)))
                .ToList();
            techniques.Add(new StratusTechnique(name, parts.Length > 2 ? parts[1] : "unknown", Path.GetFileName(file), (int)summary.EventsRead, summary.Matches, alerts,
                caseFiles.Contains(Path.GetFullPath(file))));
        }

        return new StratusCoverage(Path.GetFullPath(directory), techniques);
    }

    /// <summary>The full paths of every file a rule's cases read (paths in the YAML are relative to it).</summary>
    private static HashSet<string> CaseFiles(IReadOnlyList<RuleDefinition> definitions) =>
        definitions
            .SelectMany(rule => rule.Tests.Where(t => t.File is not null).Select(t => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(rule.YamlPath)!, t.File!))))
            .ToHashSet(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
}
