using DetectionKit.Engine.Diagnostics;
using DetectionKit.Tooling.Captures;

namespace DetectionKit.Tooling.Testing;

/// <summary>
/// The captures of a test run: each capture's result, problems with the verified file as a whole
/// (not readable, entries for captures that no longer exist), and what was done with the files.
/// </summary>
public sealed record CaptureRun(
    CaptureDirectory Directory,
    IReadOnlyList<CaptureTestResult> Results,
    IReadOnlyList<Diagnostic> Problems,
    SnapshotOutcome Snapshot)
{
    public int Passed => Results.Count(r => r.Passed);

    public int Failed => Results.Count(r => !r.Passed) + Problems.Count;

    public bool Succeeded => Failed == 0;

    /// <summary>The rules whose alerts differ on some capture, each once.</summary>
    public IReadOnlyList<string> ChangedRuleIds => [.. Results.SelectMany(r => r.ChangedRuleIds).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
