namespace DetectionKit.Tooling.Coverage;

/// <summary>A column of the matrix: a tactic and all its techniques, covered or not.</summary>
public sealed record TacticCoverage(AttackTactic Tactic, IReadOnlyList<TechniqueCoverage> Techniques)
{
    public int CoveredTechniques => Techniques.Count(t => t.Covered);

    public bool Covered => CoveredTechniques > 0;
}
