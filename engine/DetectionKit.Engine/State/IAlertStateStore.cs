using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Correlation;
namespace DetectionKit.Engine.State;

/// <summary>
/// Alert windows, deliveries and checkpoints, kept apart per scope (a scheduled job, or <c>run</c>),
/// so one job's windows, thresholds and pending alerts never mix with another's. <see cref="Commit"/>
/// is atomic: the matches of an input object and its checkpoint are kept together or not at all, so
/// a process killed at any point neither loses nor repeats an object's effect. What a window holds
/// is decided by <see cref="AlertGrouping"/> against the store's <see cref="IAlertWindows"/>; a store
/// keeps windows, it does not group.
/// </summary>
public interface IAlertStateStore : IDisposable
{
    /// <summary>
    /// Adds matches to their windows with <see cref="AlertGrouping"/> (an event already counted in a window
    /// is not counted again), adds correlation step matches to their groups with <see cref="CorrelationGrouping"/>
    /// (which keeps each firing's alert as a fired window), and records the checkpoint, which ends the key's
    /// quarantine if it had one.
    /// </summary>
    void Commit(string scope, IReadOnlyCollection<AlertMatch> matches, Checkpoint? checkpoint, IReadOnlyCollection<StepMatch>? steps = null);

    bool IsProcessed(Checkpoint checkpoint);

    /// <summary>The checkpointed keys of a checkpoint scope that start with <paramref name="keyPrefix"/>.</summary>
    IReadOnlySet<string> ProcessedUnder(string scope, string keyPrefix);

    /// <summary>Alerts of the scope that reached their threshold and were not yet accepted by the output, oldest first.</summary>
    IReadOnlyList<Alert> Undelivered(string scope, string output, IReadOnlySet<string> ruleIds);

    void MarkDelivered(string scope, string alertId, string output);

    /// <summary>
    /// Takes the delivery of an alert to an output for <paramref name="holder"/> until the time: false when the
    /// output already accepted the alert, or another holder's claim has not run out. Several processes sharing
    /// one state claim before they send, so each alert reaches each output once; a holder that dies after
    /// claiming leaves the claim to run out, and another delivers the alert with the same id (the crash gap).
    /// A holder may renew its own claim.
    /// </summary>
    bool TryClaimDelivery(string scope, string alertId, string output, string holder, DateTimeOffset until);

    /// <summary>Records or refreshes a worker's status (keyed by scope and worker id).</summary>
    void RecordWorker(WorkerStatus status);

    /// <summary>The workers of the scope that recorded themselves at or after the time, by worker id.</summary>
    IReadOnlyList<WorkerStatus> Workers(string scope, DateTimeOffset seenSince);

    /// <summary>Where the scope's covered range ends (see <see cref="CoveredRange"/>); null before its first run.</summary>
    CoveredRange? CoveredUntil(string scope);

    /// <summary>Replaces the scope's covered range; it may move back, when a run found something before it unread.</summary>
    void RecordCovered(string scope, CoveredRange range);

    /// <summary>Records an object as quarantined, or refreshes its entry (ETag, size, reason, last seen; the first seen is kept).</summary>
    void Quarantine(QuarantinedObject entry);

    /// <summary>The quarantined objects of a checkpoint scope whose keys start with <paramref name="keyPrefix"/>, in key order.</summary>
    IReadOnlyList<QuarantinedObject> Quarantined(string checkpointScope, string keyPrefix = "");

    /// <summary>Forgets the scope's windows that ended before the time, except alerts some of the outputs still have to accept.</summary>
    void PruneWindows(string scope, DateTimeOffset endedBefore, IReadOnlyCollection<string> outputs);

    /// <summary>Forgets checkpoints of a checkpoint scope recorded before the time.</summary>
    void PruneCheckpoints(string checkpointScope, DateTimeOffset recordedBefore);
}
