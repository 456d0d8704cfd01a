using System.Globalization;
using System.Text.Json.Nodes;
using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Engine.Sinks;

/// <summary>The JSON form of an alert, shared by every sink that writes JSON.</summary>
public static class AlertJson
{
    public static JsonObject ToJson(Alert alert) => new()
    {
        ["ruleId"] = alert.RuleId,
        ["title"] = alert.Title,
        ["severity"] = alert.Severity.ToName(),
        ["dedupKey"] = alert.DedupKey,
        ["eventId"] = alert.EventId,
        ["eventTime"] = alert.EventTime?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["eventSource"] = alert.EventSource,
        ["eventName"] = alert.EventName,
        ["recipientAccountId"] = alert.RecipientAccountId,
        ["awsRegion"] = alert.AwsRegion,
        ["context"] = alert.Context?.DeepClone(),
    };
}
