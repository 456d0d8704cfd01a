namespace DetectionKit.Engine.Coverage;

/// <summary>
/// A technique of the matrix and the enabled rules that name it or one of its sub-techniques;
/// <see cref="SubTechniques"/> lists the covered sub-techniques with their own rules.
/// </summary>
public sealed record TechniqueCoverage(AttackTechnique Technique, IReadOnlyList<string> RuleIds, IReadOnlyList<SubTechniqueCoverage> SubTechniques)
{
    public bool Covered => RuleIds.Count > 0;
}
