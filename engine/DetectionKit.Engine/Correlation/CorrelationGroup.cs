namespace DetectionKit.Engine.Correlation;

/// <summary>
/// What a state store keeps of one group of one correlation rule in one scope: its step matches (not
/// those inside a firing's span, which cannot start another) and the sequences it fired on. The
/// version changes with every write, so stores shared by several processes can refuse a stale one.
/// </summary>
public sealed record CorrelationGroup(string RuleId, string GroupKey)
{
    public IReadOnlyList<CorrelationStep> Steps { get; init; } = [];

    public IReadOnlyList<CorrelationFiring> Firings { get; init; } = [];

    /// <summary>The store's version of the group as read; 0 for a group not kept yet.</summary>
    public long Version { get; init; }
}
