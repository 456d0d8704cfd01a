namespace DetectionKit.Tooling.Coverage;

/// <summary>An ATT&amp;CK tactic: <c>TA0005</c>, <c>defense-evasion</c>, "Defense Evasion".</summary>
public sealed record AttackTactic(string Id, string ShortName, string Name);
