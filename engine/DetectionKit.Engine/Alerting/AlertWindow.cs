namespace DetectionKit.Engine.Alerting;

/// <summary>
/// One alert window's grouping state: the rule, dedup key and window it belongs to, how many distinct
/// events it counted, the first of their ids, the earliest and latest event time, and when it reached
/// its threshold. Immutable: <see cref="Open"/> starts it from its first match and <see cref="Add"/>
/// gives the state after one more event, so every store groups the same way and only keeps the result.
/// </summary>
public sealed record AlertWindow
{
    /// <summary>How many event ids an alert lists; the count is exact beyond it.</summary>
    public const int MaxEventIds = 100;

    public required string AlertId { get; init; }

    public required string RuleId { get; init; }

    public required string DedupKey { get; init; }

    public required DateTimeOffset WindowStart { get; init; }

    public required DateTimeOffset WindowEnd { get; init; }

    public required int Threshold { get; init; }

    /// <summary>Distinct events counted in the window.</summary>
    public required int EventCount { get; init; }

    /// <summary>The ids of the first <see cref="MaxEventIds"/> events counted, in the order they were counted.</summary>
    public IReadOnlyList<string> EventIds { get; init; } = [];

    public DateTimeOffset? FirstEventTime { get; init; }

    public DateTimeOffset? LastEventTime { get; init; }

    /// <summary>When the window first had <see cref="Threshold"/> events; an alert is delivered only after that.</summary>
    public DateTimeOffset? FiredAt { get; init; }

    public bool Fired => FiredAt is not null;

    /// <summary>The window a match opens when it is the first of its window.</summary>
    /// <param name="match">The first match.</param>
    /// <param name="now">When the match is counted: the fired time if one event is enough.</param>
    public static AlertWindow Open(AlertMatch match, DateTimeOffset now) => new()
    {
        AlertId = match.AlertId,
        RuleId = match.RuleId,
        DedupKey = match.DedupKey,
        WindowStart = match.WindowStart,
        WindowEnd = match.WindowEnd,
        Threshold = match.Threshold,
        EventCount = 1,
        EventIds = match.FirstAlert.EventIds,
        FirstEventTime = match.EventTime,
        LastEventTime = match.EventTime,
        FiredAt = match.Threshold <= 1 ? now : null,
    };

    /// <summary>The window after counting one more event; the caller has made sure the window had not counted it yet.</summary>
    /// <param name="match">A match of this window.</param>
    /// <param name="now">When the match is counted: the fired time if it reaches the threshold.</param>
    public AlertWindow Add(AlertMatch match, DateTimeOffset now)
    {
        if (match.AlertId != AlertId)
        {
            throw new ArgumentException($"the match belongs to window {match.AlertId}, not {AlertId}", nameof(match));
        }

        var count = EventCount + 1;
        return this with
        {
            EventCount = count,
            EventIds = match.EventId is { } id && EventIds.Count < MaxEventIds ? [.. EventIds, id] : EventIds,
            FirstEventTime = Earliest(FirstEventTime, match.EventTime),
            LastEventTime = Latest(LastEventTime, match.EventTime),
            FiredAt = FiredAt ?? (count >= Threshold ? now : null),
        };
    }

    /// <summary>The alert as delivered: what the window's first match says, with the window's counts and times.</summary>
    public Alert Describe(Alert firstAlert) => firstAlert with
    {
        EventCount = EventCount,
        EventIds = EventIds,
        FirstEventTime = FirstEventTime,
        LastEventTime = LastEventTime,
    };

    // A match without an event time neither widens nor narrows the window's span.
    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a <= b ? a : b;

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a >= b ? a : b;
}
