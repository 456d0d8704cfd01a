namespace DetectionKit.Engine.Correlation;

/// <summary>
/// A sequence a group already fired on: its alert and the span it stands for, from its first event to
/// the rule's timespan after it. A later candidate whose span overlaps it is the same activity seen
/// again (a replay, a late file, more of the same burst) and does not fire.
/// </summary>
public sealed record CorrelationFiring(string AlertId, DateTimeOffset First, DateTimeOffset Last)
{
    public bool Overlaps(DateTimeOffset first, DateTimeOffset last) => first <= Last && last >= First;

    public bool Covers(DateTimeOffset time) => time >= First && time <= Last;
}
