using System.Text.Json.Nodes;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Tooling.Testing;

/// <summary>
/// How the alerts a capture raised differ from the verified ones, alert by alert: new (<c>+</c>), no
/// longer raised (<c>-</c>, saying when the rule is gone or disabled), or changed (<c>~</c>, field by field).
/// Alerts are matched by rule, window and dedup key.
/// </summary>
internal static class CaptureAlertDiff
{
    public static (List<string> Lines, List<string> RuleIds) Describe(IReadOnlyList<JsonObject> verified, IReadOnlyList<JsonObject> received, IReadOnlyDictionary<string, RuleDefinition> rules)
    {
        var lines = new List<string>();
        var ruleIds = new List<string>();
        var before = verified.GroupBy(CaptureSnapshot.Identity, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var after = received.GroupBy(CaptureSnapshot.Identity, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var identity in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var old = before.GetValueOrDefault(identity);
            var now = after.GetValueOrDefault(identity);
            if (JsonNode.DeepEquals(old, now))
            {
                continue;
            }

            var ruleId = CaptureSnapshot.RuleIdOf((old ?? now)!);
            ruleIds.Add(ruleId);
            if (old is null)
            {
                lines.Add($"  + {Summary(now!)}: new");
            }
            else if (now is null)
            {
                lines.Add($"  - {Summary(old)}: no longer raised{WhyGone(ruleId, rules)}");
            }
            else
            {
                lines.Add($"  ~ {ruleId} (dedup key {old["dedupKey"]?.ToJsonString()}, window {old["windowStart"]}):");
                lines.AddRange(SnapshotDiff.Describe(old, now).Split('\n').Select(line => "  " + line));
            }
        }

        return (lines, [.. ruleIds.Distinct(StringComparer.Ordinal)]);
    }

    private static string Summary(JsonObject alert)
    {
        var count = alert["eventCount"]?.ToJsonString() ?? "?";
        return $"{CaptureSnapshot.RuleIdOf(alert)} ({alert["severity"]}, {count} event{(count == "1" ? string.Empty : "s")}, dedup key {alert["dedupKey"]?.ToJsonString()})";
    }

    private static string WhyGone(string ruleId, IReadOnlyDictionary<string, RuleDefinition> rules) =>
        !rules.TryGetValue(ruleId, out var rule) ? " (no rule has this id any more)"
        : !rule.Enabled ? " (the rule is disabled)"
        : string.Empty;
}
