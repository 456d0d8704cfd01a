namespace DetectionKit.Engine.Correlation;

/// <summary>
/// One event's match of one step of a correlation rule, as a state store keeps it in its group: what
/// deciding a firing needs (the step, event time, counted value) and what the alert names (ids, names,
/// where, the title the script gave). Identified within its group by step and event key, so an event
/// read twice is kept once.
/// </summary>
public sealed record CorrelationStep
{
    /// <summary>The step's name in the rule.</summary>
    public required string Step { get; init; }

    /// <summary>The event's id, or a hash of the record without one: what makes a replay of the same event a repeat.</summary>
    public required string EventKey { get; init; }

    public required DateTimeOffset EventTime { get; init; }

    public string? EventId { get; init; }

    public string? EventSource { get; init; }

    public string? EventName { get; init; }

    public string? RecipientAccountId { get; init; }

    public string? AwsRegion { get; init; }

    /// <summary>The counted value of a value_count rule; null for the other types.</summary>
    public string? Value { get; init; }

    /// <summary>What the script's <c>Title</c> said of the event; null without one.</summary>
    public string? Title { get; init; }
}
