using DetectionKit.Engine.Running;

namespace DetectionKit.Cli.Reporting;

/// <summary>The lines that say what a settings file's suppressions kept from the alerts of a pass, one per rule and reason.</summary>
internal static class SuppressionSummary
{
    public static IEnumerable<string> Lines(IReadOnlyList<SuppressedMatches> suppressed, string indent = "") =>
        suppressed.Select(s => $"{indent}suppressed: {s.Count} {(s.Count == 1 ? "match" : "matches")} of {s.RuleId}: {s.Reason}");
}
