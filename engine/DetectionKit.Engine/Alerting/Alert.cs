using System.Text.Json.Nodes;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Alerting;

/// <summary>
/// What a sink delivers: the matches of one rule with one dedup key in one window, once the
/// threshold is reached. The id is stable (rule, dedup key, window start), so a replay of the same
/// events yields the same alert, never a second one.
/// </summary>
public sealed record Alert
{
    public required string AlertId { get; init; }

    public required string RuleId { get; init; }

    public required string Title { get; init; }

    public required AlertSeverity Severity { get; init; }

    public required string DedupKey { get; init; }

    /// <summary>The first matching event.</summary>
    public string? EventId { get; init; }

    public DateTimeOffset? EventTime { get; init; }

    public string? EventSource { get; init; }

    public string? EventName { get; init; }

    public string? RecipientAccountId { get; init; }

    public string? AwsRegion { get; init; }

    /// <summary>The first matching event's alert context.</summary>
    public JsonNode? Context { get; init; }

    public required int EventCount { get; init; }

    public DateTimeOffset? FirstEventTime { get; init; }

    public DateTimeOffset? LastEventTime { get; init; }

    /// <summary>Ids of the grouped events, capped at <see cref="AlertWindow.MaxEventIds"/>.</summary>
    public IReadOnlyList<string> EventIds { get; init; } = [];

    public required DateTimeOffset WindowStart { get; init; }

    public required DateTimeOffset WindowEnd { get; init; }

    public int Threshold { get; init; } = 1;
}
