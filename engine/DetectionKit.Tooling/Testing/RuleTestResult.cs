using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Tooling.Testing;

/// <summary>
/// All cases of one rule, plus what failed for the rule as a whole (it did not compile, its snapshot
/// has entries for cases that no longer exist).
/// </summary>
public sealed record RuleTestResult(
    RuleDefinition Rule,
    IReadOnlyList<CaseResult> Cases,
    IReadOnlyList<Diagnostic> RuleFailures,
    SnapshotOutcome Snapshot)
{
    public bool Passed => RuleFailures.Count == 0 && Cases.All(c => c.Passed);
}
