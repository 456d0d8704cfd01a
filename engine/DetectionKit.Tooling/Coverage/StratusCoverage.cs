namespace DetectionKit.Tooling.Coverage;

/// <summary>
/// The Stratus Red Team captures found and what caught each. The captures that are also rules' own
/// cases (<see cref="RuleCases"/>) say less about detection than unseen ones: the rules were written
/// against them, so a report says how many there are.
/// </summary>
public sealed record StratusCoverage(string Directory, IReadOnlyList<StratusTechnique> Techniques)
{
    public int Caught => Techniques.Count(t => t.Caught);

    /// <summary>Captures some rule uses as a case file.</summary>
    public int RuleCases => Techniques.Count(t => t.IsRuleCase);
}
