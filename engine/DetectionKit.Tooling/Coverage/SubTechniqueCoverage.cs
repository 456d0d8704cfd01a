namespace DetectionKit.Tooling.Coverage;

/// <summary>A sub-technique rules name, and which rules.</summary>
public sealed record SubTechniqueCoverage(AttackTechnique Technique, IReadOnlyList<string> RuleIds);
