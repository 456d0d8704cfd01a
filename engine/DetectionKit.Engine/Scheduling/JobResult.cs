using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Running;
using DetectionKit.Engine.Sources.S3;

namespace DetectionKit.Engine.Scheduling;

/// <summary>What one run of a job read, matched and delivered, and what went wrong around it.</summary>
public sealed record JobResult(
    string Job,
    DateTimeOffset Since,
    DateTimeOffset Until,
    RunSummary Run,
    S3SourceCounters Objects,
    DeliveryReport Delivery,
    IReadOnlyList<Diagnostic> Problems)
{
    public bool Stopped => Run.Stopped;

    public IEnumerable<Diagnostic> AllProblems =>
        Problems.Concat(Run.InputProblems).Concat(Run.RuleErrors.Select(e => e.ToDiagnostic())).Concat(Delivery.Failures);

    public static JobResult Failed(string job, DateTimeOffset now, Diagnostic problem) =>
        new(job, now, now, new RunSummary(0, 0, 0, [], [], false), new S3SourceCounters(), DeliveryReport.None, [problem]);
}
