using System.Security.Cryptography;
using System.Text;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Alerting;

/// <summary>
/// One detection placed in its alert window: tumbling windows of the rule's dedup period, aligned to
/// the Unix epoch on event time, so the same events always fall in the same windows.
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
    public static AlertMatch Create(Detection detection, RuleDefinition rule, CloudTrailEvent e)
    {
        var period = TimeSpan.FromMinutes(rule.DedupPeriodMinutes);
        var time = detection.EventTime ?? DateTimeOffset.UnixEpoch;
        var start = DateTimeOffset.UnixEpoch + TimeSpan.FromTicks((time - DateTimeOffset.UnixEpoch).Ticks / period.Ticks * period.Ticks);
        var end = start + period;
        var id = IdOf(rule.Id, detection.DedupKey, start);
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
            Context = detection.Context?.DeepClone(),
            EventCount = 1,
            FirstEventTime = detection.EventTime,
            LastEventTime = detection.EventTime,
            EventIds = detection.EventId is { } eventId ? [eventId] : [],
            WindowStart = start,
            WindowEnd = end,
            Threshold = rule.Threshold,
        };
        return new AlertMatch(id, rule.Id, detection.DedupKey, start, end, rule.Threshold, detection.EventId ?? HashOf(e.Json.GetRawText()), detection.EventTime, alert);
    }

    /// <summary>The alert id: a hash of rule id, dedup key and window start.</summary>
    public static string IdOf(string ruleId, string dedupKey, DateTimeOffset windowStart) =>
        HashOf($"{ruleId}\n{dedupKey}\n{windowStart.UtcTicks}")[..32];

    private static string HashOf(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
