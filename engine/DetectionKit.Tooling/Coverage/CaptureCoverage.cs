namespace DetectionKit.Tooling.Coverage;

/// <summary>
/// The captures found and what caught each. The captures that are also rules' own cases
/// (<see cref="RuleCases"/>) say less about detection than unseen ones: the rules were written
/// against them, so a report says how many there are.
/// </summary>
public sealed record CaptureCoverage(string Directory, IReadOnlyList<CaptureOutcome> Captures)
{
    public int Caught => Captures.Count(c => c.Caught);

    /// <summary>Captures some rule uses as a case file.</summary>
    public int RuleCases => Captures.Count(c => c.IsRuleCase);
}
