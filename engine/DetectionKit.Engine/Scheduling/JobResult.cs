using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Running;
using DetectionKit.Engine.Sources.S3;
using DetectionKit.Engine.State;

namespace DetectionKit.Engine.Scheduling;

/// <summary>What one run of a job read, matched and delivered, and what went wrong around it.</summary>
public sealed record JobResult(
    string Job,
    DateTimeOffset Since,
    DateTimeOffset Until,
    PassResult Pass,
    S3SourceCounters Objects,
    IReadOnlyList<Diagnostic> Problems)
{
    public RunSummary Run => Pass.Run;

    public DeliveryReport Delivery => Pass.Delivery;

    public bool Stopped => Pass.Stopped;

    public IEnumerable<Diagnostic> AllProblems => Problems.Concat(Pass.Problems);

    /// <summary>The covered range an earlier run held back, when this run reached back to it; null when none was held.</summary>
    public CoveredRange? CatchingUpFrom { get; init; }

    /// <summary>The job's covered range as this run left it; null when the run did not get to read.</summary>
    public CoveredRange? Covered { get; init; }

    /// <summary>The job's quarantined objects, reported on every run (<c>DK4004</c>).</summary>
    public IReadOnlyList<QuarantinedObject> Quarantined { get; init; } = [];

    public static JobResult Failed(string job, DateTimeOffset now, Diagnostic problem) =>
        new(job, now, now, new PassResult(new RunSummary(0, 0, 0, [], [], false), DeliveryReport.None), new S3SourceCounters(), [problem]);
}
