namespace DetectionKit.Engine.Alerting;

/// <summary>
/// Alert windows, delivered alerts and per-source checkpoints. <see cref="Commit"/> is atomic: the
/// matches of an input object and its checkpoint are kept together or not at all, so a process
/// killed at any point neither loses nor repeats an object's effect.
/// </summary>
public interface IAlertStateStore : IDisposable
{
    /// <summary>Adds matches to their windows (an event already counted in a window is not counted again) and records the checkpoint.</summary>
    void Commit(IReadOnlyCollection<AlertMatch> matches, Checkpoint? checkpoint);

    bool IsProcessed(Checkpoint checkpoint);

    /// <summary>The scope's checkpointed keys that start with <paramref name="keyPrefix"/>.</summary>
    IReadOnlySet<string> ProcessedUnder(string scope, string keyPrefix);

    /// <summary>Alerts that reached their threshold and were not yet accepted by the output, oldest first.</summary>
    IReadOnlyList<Alert> Undelivered(string output, IReadOnlySet<string> ruleIds);

    void MarkDelivered(string alertId, string output);

    /// <summary>Forgets windows that ended before the first time, and the scope's checkpoints recorded before the second.</summary>
    void Prune(DateTimeOffset windowsEndedBefore, string checkpointScope, DateTimeOffset checkpointsBefore);
}
