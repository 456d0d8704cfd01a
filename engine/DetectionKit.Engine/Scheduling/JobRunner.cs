using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Running;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.Sources.S3;
using DetectionKit.Engine.State;

namespace DetectionKit.Engine.Scheduling;

/// <summary>
/// One run of a job: re-list the lookback window (reaching back to where the job's covered range
/// ends, so a scheduler that was down or a bucket that could not be read skips nothing), read only the
/// objects not yet checkpointed or quarantined for the job (so a late file in an already processed
/// hour is read exactly once), and run the <see cref="DetectionPass"/> over them: each object's matches
/// are committed with its checkpoint, then the job's outputs get what they have not accepted yet. The
/// covered range then ends at the run's end, or, when a listing or an object failed for a reason
/// that may pass, at the first instant not read (<see cref="CoveredRange"/>); an object that failed for
/// what it is is quarantined instead (<see cref="QuarantinedObject"/>), and reported on every run.
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

    /// <summary>How far back a job catches up after the scheduler was down or the bucket could not be read; further back is reported as a gap.</summary>
    public static TimeSpan MaxCatchUp { get; } = TimeSpan.FromDays(30);

    public async Task<JobResult> RunAsync(JobConfig job, RuleSet rules, Action<RunSummary, S3SourceCounters>? progress = null, CancellationToken stop = default)
    {
        var now = time.GetUtcNow();
        var previous = state.CoveredUntil(job.Name);
        var since = Since(job, now, previous);
        var problems = new List<Diagnostic>();
        if (previous is not null && previous.Until - job.Lookback < since)
        {
            problems.Add(Gap(job, previous, since));
        }

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
                QuarantinedUnder = prefix => state.Quarantined(job.CheckpointScope, prefix).ToDictionary(q => q.Key, q => q.ETag, StringComparer.Ordinal),
            });
            var coverage = new CoverageTracker(job, state, previous is not null && previous.Until > since ? previous.Until : since, now, () => source.UnlistedFrom);
            var pass = await new DetectionPass(rules, state, job.Name).RunAsync(
                source,
                outputs,
                new PassOptions
                {
                    CheckpointOf = batch => batch.SourceKey is { } key ? new Checkpoint(job.CheckpointScope, key) : null,
                    Progress = summary => progress?.Invoke(summary, source.Counters),
                    Committed = coverage.Observe,
                    DeadLetters = deadLetters,
                },
                stop);
            var quarantined = Quarantined(job, source, now);
            problems.AddRange(quarantined.Select(q => Reported(job, q)));
            var catchingUp = previous is { IsHeld: true } ? previous : null;
            if (pass.Stopped)
            {
                // What a stopped run did not reach is unknown: the range stays where it was (a first run's ends where the run began to read).
                var kept = previous ?? new CoveredRange(since, "the job's first run was stopped before it read everything");
                state.RecordCovered(job.Name, kept);
                return new JobResult(job.Name, since, now, pass, source.Counters, problems) { CatchingUpFrom = catchingUp, Covered = kept, Quarantined = quarantined };
            }

            var covered = coverage.Covered(now);
            state.RecordCovered(job.Name, covered);
            if (covered.IsHeld)
            {
                problems.Add(Diagnostic.Warning(
                    DiagnosticCodes.CoveredRangeHeld,
                    new SourceLocation(job.Name),
                    $"the covered range is held at {covered.Until:yyyy-MM-dd HH:mm:ss}Z by {covered.HeldBy}; the next run reaches back to {covered.Until - job.Lookback:yyyy-MM-dd HH:mm:ss}Z (the lookback before it) and reads what this one could not"));
            }

            state.PruneWindows(job.Name, now - Retention, outputs.Select(o => o.Name).ToList());

            // A checkpoint is needed while its object can still be listed. The covered range never moves
            // back, so no later run starts before this one's start: a held-back run re-lists nothing pruned here.
            state.PruneCheckpoints(job.CheckpointScope, since - TimeSpan.FromDays(1));
            return new JobResult(job.Name, since, now, pass, source.Counters, problems) { CatchingUpFrom = catchingUp, Covered = covered, Quarantined = quarantined };
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

    /// <summary>A lookback before where the covered range ends (or before now, if that is earlier), but no more than <see cref="MaxCatchUp"/> back.</summary>
    private static DateTimeOffset Since(JobConfig job, DateTimeOffset now, CoveredRange? covered)
    {
        var since = now - job.Lookback;
        if (covered is not null && covered.Until - job.Lookback < since)
        {
            since = covered.Until - job.Lookback;
        }

        return since < now - MaxCatchUp ? now - MaxCatchUp : since;
    }

    /// <summary>The covered range ends further back than a run catches up: what lies between is not read, and the run says so.</summary>
    private static Diagnostic Gap(JobConfig job, CoveredRange covered, DateTimeOffset since)
    {
        var from = covered.Until - job.Lookback;
        var why = covered.HeldBy is { } held ? $"it was held back there by {held}" : "no run has completed since";
        return Diagnostic.Error(
            DiagnosticCodes.CoveredRangeHeld,
            new SourceLocation(job.Name),
            $"objects delivered from {from:yyyy-MM-dd HH:mm:ss}Z to {since:yyyy-MM-dd HH:mm:ss}Z are not read: the job's covered range ends at {covered.Until:yyyy-MM-dd HH:mm:ss}Z ({why}), more than {MaxCatchUp.TotalDays:0} days ago, and a run catches up {MaxCatchUp.TotalDays:0} days at most; " +
            $"read that gap with 'detectionkit run --source {job.Source} --since {from:yyyy-MM-ddTHH:mm:ss}Z --until {since:yyyy-MM-ddTHH:mm:ss}Z'");
    }

    /// <summary>The job's quarantined objects, those this run listed unchanged marked as seen now.</summary>
    private IReadOnlyList<QuarantinedObject> Quarantined(JobConfig job, S3EventSource source, DateTimeOffset now)
    {
        var seen = source.QuarantinedSeen.ToHashSet(StringComparer.Ordinal);
        var entries = state.Quarantined(job.CheckpointScope);
        foreach (var entry in entries.Where(e => seen.Contains(e.Key)))
        {
            state.Quarantine(entry with { LastSeen = now });
        }

        return entries.Select(e => seen.Contains(e.Key) ? e with { LastSeen = now } : e).ToList();
    }

    private static Diagnostic Reported(JobConfig job, QuarantinedObject entry)
    {
        var at = $"s3://{job.Source.Bucket}/{entry.Key}";
        return Diagnostic.Warning(
            DiagnosticCodes.ObjectQuarantined,
            new SourceLocation(at),
            $"quarantined since {entry.FirstSeen:yyyy-MM-dd HH:mm:ss}Z (last seen {entry.LastSeen:yyyy-MM-dd HH:mm:ss}Z): {entry.Reason}; it counts as read and is not read again until it changes (a new ETag: upload the fixed object again under the same key)");
    }
}
