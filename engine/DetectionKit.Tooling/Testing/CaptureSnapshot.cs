using System.Text.Json.Nodes;
using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Rules;
using DetectionKit.Tooling.Captures;

namespace DetectionKit.Tooling.Testing;

/// <summary>
/// The form of <c>&lt;folder&gt;.verified.json</c>: <c>{"captures": {"name": {"events": N, "alerts": [...]}}}</c>,
/// captures by name, each alert as <c>ruleId</c>, <c>severity</c>, <c>title</c>, <c>dedupKey</c>,
/// <c>eventCount</c> and <c>windowStart</c>, ordered by rule, window and dedup key. Those are what
/// a reviewer judges and what stays put from run to run; the alert id and event ids follow from them.
/// </summary>
public static class CaptureSnapshot
{
    public static JsonObject Create(IEnumerable<(string Name, JsonObject Entry)> captures)
    {
        var byName = new JsonObject();
        foreach (var (name, entry) in captures.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            byName[name] = entry.DeepClone();
        }

        return new JsonObject { ["captures"] = byName };
    }

    /// <summary>What the replay of one capture raised, scrubbed as rule snapshots are.</summary>
    public static JsonObject Entry(ReplayedCapture capture, SnapshotScrubber scrubber) =>
        Entry(capture.Events, capture.Alerts.Select(alert => (JsonObject)scrubber.Scrub(Alert(alert))!));

    public static JsonObject Entry(int events, IEnumerable<JsonObject> alerts) => new()
    {
        ["events"] = events,
        ["alerts"] = new JsonArray([.. alerts.OrderBy(Identity, StringComparer.Ordinal).Select(a => (JsonNode?)a.DeepClone())]),
    };

    public static JsonObject Alert(Alert alert) => new()
    {
        ["ruleId"] = alert.RuleId,
        ["severity"] = alert.Severity.ToName(),
        ["title"] = alert.Title,
        ["dedupKey"] = alert.DedupKey,
        ["eventCount"] = alert.EventCount,
        ["windowStart"] = AlertJson.Time(alert.WindowStart),
    };

    /// <summary>The recorded alerts of an entry; nothing when the entry has none or is not in this form.</summary>
    public static IReadOnlyList<JsonObject> AlertsOf(JsonObject? entry) =>
        entry?["alerts"] is JsonArray alerts ? [.. alerts.OfType<JsonObject>()] : [];

    public static int? EventsOf(JsonObject? entry) =>
        entry?["events"] is JsonValue value && value.TryGetValue(out int events) ? events : null;

    public static string RuleIdOf(JsonObject alert) => Text(alert, "ruleId");

    /// <summary>An alert is the same alert when its rule, window and dedup key are, as the engine's alert id says.</summary>
    public static string Identity(JsonObject alert) => $"{RuleIdOf(alert)}\n{Text(alert, "windowStart")}\n{Text(alert, "dedupKey")}";

    private static string Text(JsonObject alert, string key) =>
        alert[key] is JsonValue value && value.TryGetValue(out string? text) ? text : string.Empty;
}
