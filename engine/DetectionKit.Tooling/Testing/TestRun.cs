using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Tooling.Testing;

/// <summary>
/// The outcome of testing a rules directory: per-rule results, rule files that did not load, and
/// snapshots that belong to no rule. Renderers only read this.
/// </summary>
public sealed record TestRun(
    IReadOnlyList<RuleTestResult> Rules,
    IReadOnlyList<Diagnostic> LoadFailures,
    IReadOnlyList<Diagnostic> DanglingSnapshots,
    bool Accepted)
{
    /// <summary>Cases that passed.</summary>
    public int Passed => Rules.Sum(r => r.Cases.Count(c => c.Passed));

    /// <summary>Failing cases, plus one per rule-level failure, rule file that did not load and dangling snapshot.</summary>
    public int Failed =>
        Rules.Sum(r => r.Cases.Count(c => !c.Passed) + r.RuleFailures.Count)
        + LoadFailures.Count
        + DanglingSnapshots.Count;

    public bool Succeeded => Failed == 0;
}
