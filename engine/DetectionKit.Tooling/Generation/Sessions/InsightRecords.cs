using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Sessions;

/// <summary>
/// CloudTrail Insights events, written as the "CloudTrail record contents for Insights events for
/// trails" page of the CloudTrail User Guide lays them out: no caller, an <c>insightDetails</c> block
/// naming the API (and, for an error-rate insight, the error code), statistics per minute against
/// the baseline, and attributions to the identities, user agents and error codes behind them. A
/// Start and an End record share a <c>sharedEventID</c>.
/// </summary>
internal static class InsightRecords
{
    /// <summary>One attributed value: who or what, and its average per minute during the insight and the baseline.</summary>
    public sealed record Attribution(string Attribute, string Value, double Insight, double Baseline);

    public static JsonObject Build(
        DateTimeOffset at,
        Account account,
        string region,
        string sharedEventId,
        string state,
        string insightType,
        string eventSource,
        string eventName,
        string? errorCode,
        double baseline,
        double insight,
        int insightMinutes,
        IReadOnlyList<Attribution> attributions,
        SeededRandom random)
    {
        var details = new JsonObject
        {
            ["state"] = state,
            ["eventSource"] = eventSource,
            ["eventName"] = eventName,
            ["insightType"] = insightType,
        };
        if (errorCode is not null)
        {
            details["errorCode"] = errorCode;
        }

        details["insightContext"] = new JsonObject
        {
            ["statistics"] = new JsonObject
            {
                ["baseline"] = new JsonObject { ["average"] = Round(baseline) },
                ["insight"] = new JsonObject { ["average"] = Round(insight) },
                ["insightDuration"] = insightMinutes,
                ["baselineDuration"] = 10080 - insightMinutes,
            },
            ["attributions"] = new JsonArray([.. attributions.GroupBy(a => a.Attribute).Select(g => (JsonNode)new JsonObject
            {
                ["attribute"] = g.Key,
                ["insight"] = new JsonArray([.. g.Where(a => a.Insight > 0).Select(a => (JsonNode)new JsonObject { ["value"] = a.Value, ["average"] = Round(a.Insight) })]),
                ["baseline"] = new JsonArray([.. g.Where(a => a.Baseline > 0).Select(a => (JsonNode)new JsonObject { ["value"] = a.Value, ["average"] = Round(a.Baseline) })]),
            })]),
        };

        return new JsonObject
        {
            ["eventVersion"] = "1.08",
            ["eventTime"] = Timestamps.Iso(at),
            ["awsRegion"] = region,
            ["eventID"] = random.Uuid(),
            ["eventType"] = "AwsCloudTrailInsight",
            ["recipientAccountId"] = account.Id,
            ["sharedEventID"] = sharedEventId,
            ["insightDetails"] = details,
            ["eventCategory"] = "Insight",
        };
    }

    // CloudTrail writes the averages with up to ten decimals.
    private static double Round(double value) => Math.Round(value, 10);
}
