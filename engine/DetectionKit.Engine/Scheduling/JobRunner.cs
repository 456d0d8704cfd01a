using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Sources.S3;

namespace DetectionKit.Engine.Scheduling;

/// <summary>
/// One run of a job: re-list the lookback window, read only the objects not yet checkpointed for
/// the job (so a late file in an already processed hour is read exactly once), commit each object's
/// matches with its checkpoint, then deliver what the job's outputs have not accepted yet.
/// </summary>
public sealed class JobRunner
{
    private readonly IAlertStateStore state;
    private readonly TextWriter standardOutput;
    private readonly TimeProvider time;

    public JobRunner(IAlertStateStore state, TextWriter standardOutput, TimeProvider? time = null)
    {
        this.state = state;
        this.standardOutput = standardOutput;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>How long delivered and expired alert windows are remembered, so replays never deliver twice.</summary>
    public static TimeSpan Retention { get; } = TimeSpan.FromDays(30);

    public async Task<JobResult> RunAsync(JobConfig job, RuleSet rules, Action<RunSummary, S3SourceCounters>? progress = null, CancellationToken stop = default)
    {
        var now = time.GetUtcNow();
        using var client = S3ClientFactory.Create(job.EndpointUrl);
        var source = new S3EventSource(client, new S3SourceOptions
        {
            Location = job.Source,
            Since = now - job.Lookback,
            Until = now,
            Accounts = job.Accounts,
            Regions = job.Regions,
            Parallelism = job.Parallelism,
            ProcessedUnder = prefix => state.ProcessedUnder(job.CheckpointScope, prefix),
        });
        var run = await new DetectionRunner(rules, state).RunAsync(
            source,
            batch => batch.SourceKey is { } key ? new Checkpoint(job.CheckpointScope, key) : null,
            summary => progress?.Invoke(summary, source.Counters),
            stop);

        var delivery = new DeliveryReport(new Dictionary<string, int>(), []);
        if (!run.Stopped)
        {
            delivery = await DeliverAsync(job, rules, stop);
            // A checkpoint is needed while its object can still be listed: inside the lookback.
            state.Prune(now - Retention, job.CheckpointScope, now - job.Lookback - TimeSpan.FromDays(1));
        }

        return new JobResult(job.Name, now, run, source.Counters, delivery);
    }

    private async Task<DeliveryReport> DeliverAsync(JobConfig job, RuleSet rules, CancellationToken stop)
    {
        var outputs = job.Outputs.Select(o => new AlertOutput($"{job.Name}/{o.Name}", OutputFactory.Create(o, standardOutput))).ToList();
        try
        {
            return await AlertDelivery.DeliverAsync(state, outputs, rules.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal), stop);
        }
        finally
        {
            foreach (var output in outputs)
            {
                await output.Sink.DisposeAsync();
            }
        }
    }
}
