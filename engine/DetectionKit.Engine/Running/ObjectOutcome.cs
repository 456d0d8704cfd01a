using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Sources;

namespace DetectionKit.Engine.Running;

/// <summary>What evaluating one object found, waiting to be committed in source order.</summary>
internal sealed class ObjectOutcome(EventBatch batch)
{
    public EventBatch Batch { get; } = batch;

    public long Events { get; set; }

    public List<AlertMatch> Matches { get; } = [];

    public List<RuleError> Errors { get; } = [];

    public Dictionary<(string RuleId, string Reason), long> Suppressed { get; } = [];

    /// <summary>A stop request arrived before the object was read to its end: nothing of it is committed.</summary>
    public bool Interrupted { get; set; }

    public void Suppress(string ruleId, string reason) =>
        Suppressed[(ruleId, reason)] = Suppressed.GetValueOrDefault((ruleId, reason)) + 1;
}
