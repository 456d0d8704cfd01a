using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Sources.S3;

namespace DetectionKit.Engine.Scheduling;

/// <summary>What one run of a job read, matched and delivered.</summary>
public sealed record JobResult(string Job, DateTimeOffset StartedAt, RunSummary Run, S3SourceCounters Objects, DeliveryReport Delivery)
{
    public bool Stopped => Run.Stopped;
}
