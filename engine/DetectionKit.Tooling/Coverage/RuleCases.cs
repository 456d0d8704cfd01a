namespace DetectionKit.Tooling.Coverage;

/// <summary>How many recorded cases a rule has: the thinner its cases, the less its snapshot proves.</summary>
public sealed record RuleCases(string RuleId, string Pack, int Positive, int Negative)
{
    public int Total => Positive + Negative;
}
