using DetectionKit.Engine.Sources;
using DetectionKit.Engine.Sources.S3;
using DetectionKit.Engine.State;

namespace DetectionKit.Engine.Scheduling;

/// <summary>
/// Follows one run's objects as they are committed, to say how far the run covered: an object that
/// failed for what it is (<see cref="ReadFailure.IsPermanent"/>) is quarantined and counts as covered;
/// one that failed for a reason that may pass (a download error, throttling, a timeout) holds the
/// range at its delivery time (from its key); a listing that failed holds it where the listing stopped.
/// The range never moves back from where it ended before the run (the lookback before it is re-listed
/// by the next run anyway), so a run that fails at its very start does not push the next one further back.
/// </summary>
/// <param name="job">The job; its checkpoint scope keeps the quarantine.</param>
/// <param name="state">Where quarantined objects are recorded.</param>
/// <param name="floor">Where the range ended before the run (not before the run's start); the run's start on a job's first run.</param>
/// <param name="now">The run's time, for the quarantine's first and last seen.</param>
/// <param name="unlistedFrom">Where a failed listing left the range unlisted (<see cref="S3EventSource.UnlistedFrom"/>).</param>
internal sealed class CoverageTracker(JobConfig job, IAlertStateStore state, DateTimeOffset floor, DateTimeOffset now, Func<DateTimeOffset?> unlistedFrom)
{
    private DateTimeOffset? heldAt;
    private string? heldBy;

    /// <summary>Objects quarantined by this run.</summary>
    public int Quarantined { get; private set; }

    /// <summary>Looks at an object once it is committed (see <see cref="Running.PassOptions.Committed"/>).</summary>
    public void Observe(EventBatch batch)
    {
        if (batch.ReadToEnd || batch.Failure is not { } failure)
        {
            return;
        }

        if (batch.SourceKey is not { } key)
        {
            // The location itself could not be listed: nothing from where the listing stopped was seen.
            Hold(unlistedFrom() ?? floor, $"{batch.Origin}: {failure.Message}");
        }
        else if (failure.IsPermanent)
        {
            state.Quarantine(new QuarantinedObject(job.CheckpointScope, key, batch.SourceVersion ?? string.Empty, batch.SourceSize ?? 0, failure.Message, now, now));
            Quarantined++;
        }
        else
        {
            Hold(CloudTrailObjectKey.Parse(key)?.DeliveredAt ?? floor, $"{batch.Origin}: {failure.Message}");
        }
    }

    /// <summary>The covered range after a run that was not stopped: held at the first instant not covered, else up to <paramref name="until"/>.</summary>
    public CoveredRange Covered(DateTimeOffset until) =>
        heldAt is { } first && first < until ? new CoveredRange(first, heldBy) : new CoveredRange(until);

    private void Hold(DateTimeOffset at, string why)
    {
        at = at < floor ? floor : at;
        if (heldAt is null || at < heldAt)
        {
            heldAt = at;
            heldBy = why;
        }
    }
}
