using System.Text.Json.Nodes;
using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Support;

/// <summary>Alerts and matches built the way the runner builds them.</summary>
internal static class SomeAlert
{
    public static RuleDefinition Rule(string id = "rule", int periodMinutes = 60, int threshold = 1) => new()
    {
        Id = id,
        Title = "Trail stopped",
        Severity = AlertSeverity.High,
        DedupPeriodMinutes = periodMinutes,
        Threshold = threshold,
        Pack = "test",
        Name = id,
        RulesRoot = "/rules",
        YamlPath = "/rules/test/" + id + ".yml",
        ScriptPath = "/rules/test/" + id + ".csx",
        Location = new SourceLocation("/rules/test/" + id + ".yml", 1, 1),
    };

    /// <summary>The scope matches are made in unless a test names another: <c>run</c>'s.</summary>
    public const string Scope = "run";

    public static AlertMatch Match(JsonObject record, RuleDefinition? rule = null, string dedupKey = "key", string title = "Trail stopped", JsonNode? context = null, string scope = Scope)
    {
        var e = Some.Event(record);
        var detection = new Detection((rule ?? Rule()).Id, title, dedupKey, AlertSeverity.High, context, e.EventId, e.EventTime);
        return AlertMatch.Create(detection, rule ?? Rule(), e, scope);
    }

    public static Alert For(JsonObject record, string title = "Trail stopped", JsonNode? context = null) =>
        Match(record, title: title, context: context).FirstAlert;

    /// <summary>A record of the event <paramref name="eventId"/> at <paramref name="time"/> (HH:mm:ss) on 2024-07-31, UTC.</summary>
    public static JsonObject At(string time, string eventId)
    {
        var record = Some.Record(eventId: eventId);
        record["eventTime"] = $"2024-07-31T{time}Z";
        return record;
    }
}
