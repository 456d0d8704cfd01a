using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Tooling.Testing;

/// <summary>
/// All cases of one rule, plus what failed for the rule as a whole (it did not compile, its snapshot
/// has entries for cases that no longer exist, it has fewer cases than asked for).
/// </summary>
public sealed record RuleTestResult(
    RuleDefinition Rule,
    IReadOnlyList<CaseResult> Cases,
    IReadOnlyList<Diagnostic> RuleFailures,
    SnapshotOutcome Snapshot)
{
    /// <summary>
    /// False when the rule did not compile: none of its cases ran (<see cref="Cases"/> is empty) and
    /// <see cref="RuleFailures"/> holds why. Such a rule is one failure, however many cases it has, so
    /// the totals say how many rules are broken rather than how many cases they hold.
    /// </summary>
    public bool Compiled { get; init; } = true;

    public bool Passed => Compiled && RuleFailures.Count == 0 && Cases.All(c => c.Passed);

    /// <summary>Cases that passed.</summary>
    public int PassedCount => Cases.Count(c => c.Passed);

    /// <summary>Failing cases and rule-level failures; exactly one for a rule that did not compile.</summary>
    public int FailedCount => Compiled ? Cases.Count(c => !c.Passed) + RuleFailures.Count : 1;
}
