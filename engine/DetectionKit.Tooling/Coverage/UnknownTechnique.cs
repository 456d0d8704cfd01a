namespace DetectionKit.Tooling.Coverage;

/// <summary>A <c>mitre</c> id rules use that the embedded matrix does not list: a typo, or a row to add to <see cref="AttackMatrix"/>.</summary>
public sealed record UnknownTechnique(string Id, IReadOnlyList<string> RuleIds);
