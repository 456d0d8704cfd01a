using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Running;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.Sources.S3;
using DetectionKit.Engine.State;

namespace DetectionKit.Engine.Scheduling;

/// <summary>
/// One run of a job: re-list the lookback window (reaching back to where the last completed run
/// ended, so a scheduler that was down skips nothing), read only the objects not yet checkpointed
/// for the job (so a late file in an already processed hour is read exactly once), and run the
/// <see cref="DetectionPass"/> over them: each object's matches are committed with its checkpoint,
/// then the job's outputs get what they have not accepted yet.
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

    /// <summary>How much one object may make a job read and hold: its settings' <c>input</c>; the defaults when null.</summary>
    public Func<JobConfig, ReadLimits>? LimitsOf { get; init; }

    /// <summary>How long delivered and expired alert windows are remembered, so replays never deliver twice.</summary>
    public static TimeSpan Retention { get; } = TimeSpan.FromDays(30);

    /// <summary>How far back a job catches up after the scheduler was down.</summary>
    public static TimeSpan MaxCatchUp { get; } = TimeSpan.FromDays(30);

    public async Task<JobResult> RunAsync(JobConfig job, RuleSet rules, Action<RunSummary, S3SourceCounters>? progress = null, CancellationToken stop = default)
    {
        var now = time.GetUtcNow();
        var since = Since(job, now);
        List<AlertOutput> outputs;
        try
        {
            outputs = job.Outputs.Select(o => new AlertOutput($"{job.Name}/{o.Name}", OutputFactory.Create(o, standardOutput))).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return JobResult.Failed(job.Name, now, Diagnostic.Error(DiagnosticCodes.DeliveryFailed, new SourceLocation(job.Name), $"cannot open the job's outputs, nothing was read: {ex.Message}"));
        }

        DeadLetterFile? deadLetters;
        try
        {
            deadLetters = job.DeadLetterPath is null ? null : DeadLetterFile.Open(job.DeadLetterPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            foreach (var output in outputs)
            {
                await output.Sink.DisposeAsync();
            }

            return JobResult.Failed(job.Name, now, Diagnostic.Error(DiagnosticCodes.InputUnreadable, new SourceLocation(job.DeadLetterPath!), $"cannot open the dead-letter file of job '{job.Name}' for writing, nothing was read: {ex.Message}"));
        }

        try
        {
            using var client = S3ClientFactory.Create(job.EndpointUrl);
            var source = new S3EventSource(client, new S3SourceOptions
            {
                Location = job.Source,
                Since = since,
                Until = now,
                Accounts = job.Accounts,
                Regions = job.Regions,
                Parallelism = job.Parallelism,
                Limits = LimitsOf?.Invoke(job) ?? ReadLimits.Default,
                ProcessedUnder = prefix => state.ProcessedUnder(job.CheckpointScope, prefix),
            });
            var pass = await new DetectionPass(rules, state, job.Name).RunAsync(
                source,
                outputs,
                new PassOptions
                {
                    CheckpointOf = batch => batch.SourceKey is { } key ? new Checkpoint(job.CheckpointScope, key) : null,
                    Progress = summary => progress?.Invoke(summary, source.Counters),
                    DeadLetters = deadLetters,
                },
                stop);
            if (pass.Stopped)
            {
                return new JobResult(job.Name, since, now, pass, source.Counters, []);
            }

            state.RecordCompletedRun(job.Name, now);
            state.PruneWindows(job.Name, now - Retention, outputs.Select(o => o.Name).ToList());

            // A checkpoint is needed while its object can still be listed.
            state.PruneCheckpoints(job.CheckpointScope, since - TimeSpan.FromDays(1));
            return new JobResult(job.Name, since, now, pass, source.Counters, []);
        }
        finally
        {
            deadLetters?.Dispose();
            foreach (var output in outputs)
            {
                await output.Sink.DisposeAsync();
            }
        }
    }

    private DateTimeOffset Since(JobConfig job, DateTimeOffset now)
    {
        var since = now - job.Lookback;
        if (state.LastCompletedRun(job.Name) is { } last && last - job.Lookback < since)
        {
            since = last - job.Lookback;
        }

        return since < now - MaxCatchUp ? now - MaxCatchUp : since;
    }
}
