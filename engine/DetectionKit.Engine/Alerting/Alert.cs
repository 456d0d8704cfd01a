using System.Text.Json.Nodes;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Events;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Engine.Alerting;

/// <summary>What a sink delivers: a detection with the event facts a responder needs first.</summary>
public sealed record Alert(
    string RuleId,
    string Title,
    Severity Severity,
    string DedupKey,
    string? EventId,
    DateTimeOffset? EventTime,
    string? EventSource,
    string? EventName,
    string? RecipientAccountId,
    string? AwsRegion,
    JsonNode? Context)
{
    public static Alert From(Detection detection, CloudTrailEvent e) => new(
        detection.RuleId,
        detection.Title,
        detection.Severity,
        detection.DedupKey,
        detection.EventId,
        detection.EventTime,
        e.EventSource,
        e.EventName,
        e.RecipientAccountId,
        e.AwsRegion,
        detection.Context);
}
