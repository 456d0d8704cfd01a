namespace DetectionKit.Tooling.Coverage;

/// <summary>
/// A technique of the matrix and the enabled rules that name it or one of its sub-techniques;
/// <see cref="HighOrAboveRuleIds"/> are those of them that can alert at high or critical (by the
/// highest severity their snapshots show), and <see cref="SubTechniques"/> lists the covered
/// sub-techniques with their own rules.
/// </summary>
public sealed record TechniqueCoverage(AttackTechnique Technique, IReadOnlyList<string> RuleIds, IReadOnlyList<string> HighOrAboveRuleIds, IReadOnlyList<SubTechniqueCoverage> SubTechniques)
{
    public bool Covered => RuleIds.Count > 0;

    public int HighOrAbove => HighOrAboveRuleIds.Count;

    /// <summary>Covering rules whose alerts stay at medium or below.</summary>
    public int BelowHigh => RuleIds.Count - HighOrAboveRuleIds.Count;
}
