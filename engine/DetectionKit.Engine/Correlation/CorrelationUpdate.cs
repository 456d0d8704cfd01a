using DetectionKit.Engine.Alerting;

namespace DetectionKit.Engine.Correlation;

/// <summary>What one commit does to one group: the group as it is left, and the changes a store writes.</summary>
/// <param name="Group">The group after the commit (its version as read: the store gives the new one).</param>
/// <param name="Added">Step matches to keep that the group did not have.</param>
/// <param name="Removed">Kept step matches that are dropped: too old to start a sequence, inside a firing, or past the cap.</param>
/// <param name="Fired">Sequences the commit fired on.</param>
/// <param name="Alerts">The alert of each firing, with its window, fired.</param>
public sealed record CorrelationUpdate(
    CorrelationGroup Group,
    IReadOnlyList<CorrelationStep> Added,
    IReadOnlyList<CorrelationStep> Removed,
    IReadOnlyList<CorrelationFiring> Fired,
    IReadOnlyList<(AlertWindow Window, Alert Alert)> Alerts)
{
    /// <summary>Whether the store has anything to write.</summary>
    public bool Changed => Added.Count > 0 || Removed.Count > 0 || Fired.Count > 0;
}
