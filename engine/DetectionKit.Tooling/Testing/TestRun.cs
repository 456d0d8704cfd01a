using DetectionKit.Engine.Diagnostics;
using DetectionKit.Tooling.Benign;

namespace DetectionKit.Tooling.Testing;

/// <summary>
/// The outcome of testing a rules directory: per-rule results, rule files that did not load,
/// snapshots that belong to no rule, and the captures when there were any to replay. Renderers only read this.
/// </summary>
public sealed record TestRun(
    IReadOnlyList<RuleTestResult> Rules,
    IReadOnlyList<Diagnostic> LoadFailures,
    IReadOnlyList<Diagnostic> DanglingSnapshots,
    bool Accepted,
    CaptureRun? Captures = null)
{
    /// <summary>With a settings file: its problems, and the cases whose verdict it changes.</summary>
    public SettingsRun? Settings { get; init; }

    /// <summary>With <c>--benign</c>: what the rules under test raised on generated benign traffic.</summary>
    public BenignTrafficResult? Benign { get; init; }

    /// <summary>Cases and captures that passed, and the benign-traffic check when it ran and passed.</summary>
    public int Passed => Rules.Sum(r => r.Cases.Count(c => c.Passed)) + (Captures?.Passed ?? 0) + (Benign is { Succeeded: true } ? 1 : 0);

    /// <summary>Failing cases and captures, plus one per rule-level failure, rule file that did not load, dangling snapshot, problem with the verified capture alerts, error in the settings file and problem on benign traffic.</summary>
    public int Failed =>
        Rules.Sum(r => r.Cases.Count(c => !c.Passed) + r.RuleFailures.Count)
        + LoadFailures.Count
        + DanglingSnapshots.Count
        + (Captures?.Failed ?? 0)
        + (Settings?.Failed ?? 0)
        + (Benign?.Problems.Count ?? 0);

    public bool Succeeded => Failed == 0;
}
