using System.Security.Cryptography;
using System.Text;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Alerting;

/// <summary>
/// One detection placed in its alert window: tumbling windows of the rule's dedup period, aligned to
/// the Unix epoch on event time, so the same events always fall in the same windows. The alert id
/// names the state scope too (a scheduled job's name, or <c>run</c>): two jobs never share an id,
/// while the same events replayed in the same scope always give the same one.
/// </summary>
public sealed record AlertMatch(
    string AlertId,
    string RuleId,
    string DedupKey,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    int Threshold,
    string EventKey,
    DateTimeOffset? EventTime,
    Alert FirstAlert)
{
    /// <summary>The id of the event this match counts in its window; the first match's alert names its own.</summary>
    public string? EventId { get; init; }

    /// <summary>The rule's <c>first_seen:</c>: the store raises the alert of a match whose key is new within its period.</summary>
    public FirstSeenDefinition? FirstSeen { get; init; }

    /// <param name="detection">What the rule said about the event.</param>
    /// <param name="rule">The rule that matched.</param>
    /// <param name="e">The event.</param>
    /// <param name="scope">The state scope the match is committed to: a scheduled job's name, or <c>run</c>.</param>
    public static AlertMatch Create(Detection detection, RuleDefinition rule, CloudTrailEvent e, string scope)
    {
        var (start, end) = WindowOf(rule, detection.EventTime);
        var id = IdOf(scope, rule.Id, detection.DedupKey, start);
        var alert = new Alert
        {
            AlertId = id,
            RuleId = rule.Id,
            Title = detection.Title,
            Severity = detection.Severity,
            DedupKey = detection.DedupKey,
            EventId = detection.EventId,
            EventTime = detection.EventTime,
            EventSource = e.EventSource,
            EventName = e.EventName,
            RecipientAccountId = e.RecipientAccountId,
            AwsRegion = e.AwsRegion,
            Context = detection.Context,
            EventCount = 1,
            FirstEventTime = detection.EventTime,
            LastEventTime = detection.EventTime,
            EventIds = detection.EventId is { } eventId ? [eventId] : [],
            WindowStart = start,
            WindowEnd = end,
            Threshold = rule.Threshold,
        };
        // Built once per window, by its first match: the event's secrets are looked for only here.
        alert = AlertRedaction.With(rule.RedactKeys).Apply(alert, e.Json);
        return new AlertMatch(id, rule.Id, detection.DedupKey, start, end, rule.Threshold, EventKeyOf(detection.EventId, e), detection.EventTime, alert) { EventId = detection.EventId, FirstSeen = rule.FirstSeen };
    }

    /// <summary>
    /// Another event of a window an earlier match of the same object opened: it only counts, so it
    /// shares that match's alert instead of describing one of its own.
    /// </summary>
    public AlertMatch Repeat(CloudTrailEvent e) =>
        this with { EventKey = EventKeyOf(e.EventId, e), EventTime = e.EventTime, EventId = e.EventId };

    /// <summary>The rule's tumbling window, of its dedup period and aligned to the Unix epoch, that holds the time.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) WindowOf(RuleDefinition rule, DateTimeOffset? eventTime)
    {
        var period = TimeSpan.FromMinutes(rule.DedupPeriodMinutes);
        var time = eventTime ?? DateTimeOffset.UnixEpoch;
        var start = DateTimeOffset.UnixEpoch + TimeSpan.FromTicks((time - DateTimeOffset.UnixEpoch).Ticks / period.Ticks * period.Ticks);
        return (start, start + period);
    }

    private static string EventKeyOf(string? eventId, CloudTrailEvent e) => eventId ?? HashOf(e.Json.GetRawText());

    /// <summary>The alert id: a hash of state scope, rule id, dedup key and window start.</summary>
    public static string IdOf(string scope, string ruleId, string dedupKey, DateTimeOffset windowStart) =>
        HashOf($"{scope}\n{ruleId}\n{dedupKey}\n{windowStart.UtcTicks}")[..32];

    private static string HashOf(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
