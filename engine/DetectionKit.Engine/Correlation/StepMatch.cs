namespace DetectionKit.Engine.Correlation;

/// <summary>A step match found by evaluation, with the correlation it belongs to and its group key: what a commit adds to a group.</summary>
public sealed record StepMatch(Correlator Correlator, string GroupKey, CorrelationStep Step)
{
    public string RuleId => Correlator.RuleId;
}
