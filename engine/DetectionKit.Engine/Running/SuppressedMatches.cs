namespace DetectionKit.Engine.Running;

/// <summary>How many matches of a rule one suppression (by its reason) kept from the alert state in a pass.</summary>
public sealed record SuppressedMatches(string RuleId, string Reason, long Count);
