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

    /// <summary>Why the filter the run was asked for selected nothing, or could not be used (then nothing ran): usage errors, apart from the failures.</summary>
    public IReadOnlyList<Diagnostic> SelectionProblems { get; init; } = [];

    /// <summary>How long loading, compiling, evaluating and comparing took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>With <c>--benign</c>: what the rules under test raised on generated benign traffic.</summary>
    public BenignTrafficResult? Benign { get; init; }

    /// <summary>Cases and captures that passed, and the benign-traffic check when it ran and passed.</summary>
    public int Passed => Rules.Sum(r => r.PassedCount) + (Captures?.Passed ?? 0) + (Benign is { Succeeded: true } ? 1 : 0);

    /// <summary>
    /// Failing cases and captures, plus one per rule-level failure, rule that did not compile (once,
    /// whatever its cases), rule file that did not load (once, whatever its problems), dangling snapshot,
    /// problem with the verified capture alerts, error in the settings file and problem on benign traffic.
    /// </summary>
    public int Failed =>
        Rules.Sum(r => r.FailedCount)
        + FilesNotLoaded.Count
        + DanglingSnapshots.Count
        + (Captures?.Failed ?? 0)
        + (Settings?.Failed ?? 0)
        + (Benign?.Problems.Count ?? 0);

    public bool Succeeded => Failed == 0;

    /// <summary>The files <see cref="LoadFailures"/> are in (each rule file with its problems, case files included, is reported at its YAML), each once, in order.</summary>
    public IReadOnlyList<string> FilesNotLoaded =>
        [.. LoadFailures.Select(d => d.Location.Path).Distinct(StringComparer.Ordinal)];
}
