using System.Globalization;
using System.Text.Json.Nodes;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Alerting;

/// <summary>The JSON form of an alert: what sinks deliver and what the state store keeps.</summary>
public static class AlertJson
{
    public static JsonObject ToJson(Alert alert) => new()
    {
        ["alertId"] = alert.AlertId,
        ["ruleId"] = alert.RuleId,
        ["title"] = alert.Title,
        ["severity"] = alert.Severity.ToName(),
        ["dedupKey"] = alert.DedupKey,
        ["eventCount"] = alert.EventCount,
        ["firstEventTime"] = Time(alert.FirstEventTime),
        ["lastEventTime"] = Time(alert.LastEventTime),
        ["windowStart"] = Time(alert.WindowStart),
        ["windowEnd"] = Time(alert.WindowEnd),
        ["threshold"] = alert.Threshold,
        ["eventId"] = alert.EventId,
        ["eventTime"] = Time(alert.EventTime),
        ["eventSource"] = alert.EventSource,
        ["eventName"] = alert.EventName,
        ["recipientAccountId"] = alert.RecipientAccountId,
        ["awsRegion"] = alert.AwsRegion,
        ["eventIds"] = new JsonArray(alert.EventIds.Select(id => (JsonNode?)id).ToArray()),
        ["context"] = alert.Context?.DeepClone(),
    };

    public static Alert FromJson(JsonObject json) => new()
    {
        AlertId = json["alertId"]!.GetValue<string>(),
        RuleId = json["ruleId"]!.GetValue<string>(),
        Title = json["title"]!.GetValue<string>(),
        Severity = SeverityNames.TryParse(json["severity"]?.GetValue<string>(), out var severity) ? severity : AlertSeverity.Medium,
        DedupKey = json["dedupKey"]!.GetValue<string>(),
        EventCount = json["eventCount"]?.GetValue<int>() ?? 1,
        FirstEventTime = ParseTime(json["firstEventTime"]),
        LastEventTime = ParseTime(json["lastEventTime"]),
        WindowStart = ParseTime(json["windowStart"]) ?? DateTimeOffset.UnixEpoch,
        WindowEnd = ParseTime(json["windowEnd"]) ?? DateTimeOffset.UnixEpoch,
        Threshold = json["threshold"]?.GetValue<int>() ?? 1,
        EventId = json["eventId"]?.GetValue<string>(),
        EventTime = ParseTime(json["eventTime"]),
        EventSource = json["eventSource"]?.GetValue<string>(),
        EventName = json["eventName"]?.GetValue<string>(),
        RecipientAccountId = json["recipientAccountId"]?.GetValue<string>(),
        AwsRegion = json["awsRegion"]?.GetValue<string>(),
        EventIds = json["eventIds"] is JsonArray ids ? ids.Select(id => id!.GetValue<string>()).ToList() : [],
        Context = json["context"]?.DeepClone(),
    };

    public static string? Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseTime(JsonNode? node) =>
        node?.GetValue<string>() is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
