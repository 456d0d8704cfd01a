using System.Text.Json.Nodes;

namespace DetectionKit.Engine.Generation.Calls;

/// <summary>Reads of the security services (GuardDuty, CloudTrail, Config, Organizations) and GuardDuty's one routine write.</summary>
internal static class SecurityServiceCalls
{
    public static ApiCall ListDetectors(CallContext c) => ApiCall.Read("guardduty", "ListDetectors");

    public static ApiCall GetDetector(CallContext c) => ApiCall.Read("guardduty", "GetDetector", new() { ["detectorId"] = c.Account.GuardDutyDetectorId });

    public static ApiCall ListFindings(CallContext c) => ApiCall.Read("guardduty", "ListFindings", new()
    {
        ["detectorId"] = c.Account.GuardDutyDetectorId,
        ["findingCriteria"] = new JsonObject { ["criterion"] = new JsonObject { ["service.archived"] = new JsonObject { ["eq"] = new JsonArray("false") } } },
        ["maxResults"] = 50,
    });

    public static ApiCall GetFindings(CallContext c) => ApiCall.Read("guardduty", "GetFindings", new()
    {
        ["detectorId"] = c.Account.GuardDutyDetectorId,
        ["findingIds"] = new JsonArray(c.Random.Hex(32), c.Random.Hex(32)),
    });

    /// <summary>Changing how often findings are exported; the detector stays enabled (no <c>enable</c> in the request).</summary>
    public static ApiCall UpdateDetectorFrequency(CallContext c) => ApiCall.Write("guardduty", "UpdateDetector",
        new() { ["detectorId"] = c.Account.GuardDutyDetectorId, ["findingPublishingFrequency"] = "FIFTEEN_MINUTES" });

    public static ApiCall DescribeTrails(CallContext c) => ApiCall.Read("cloudtrail", "DescribeTrails", new() { ["includeShadowTrails"] = true });

    public static ApiCall GetTrailStatus(CallContext c, string trailArn) => ApiCall.Read("cloudtrail", "GetTrailStatus", new() { ["name"] = trailArn });

    public static ApiCall GetEventSelectors(CallContext c, string trailArn) => ApiCall.Read("cloudtrail", "GetEventSelectors", new() { ["trailName"] = trailArn });

    public static ApiCall GetInsightSelectors(CallContext c, string trailArn) => ApiCall.Read("cloudtrail", "GetInsightSelectors", new() { ["trailName"] = trailArn });

    public static ApiCall LookupEvents(CallContext c) => ApiCall.Read("cloudtrail", "LookupEvents", new()
    {
        ["startTime"] = Timestamps.Java(c.Time.AddHours(-24)),
        ["endTime"] = Timestamps.Java(c.Time),
        ["lookupAttributes"] = new JsonArray(new JsonObject { ["attributeKey"] = "ReadOnly", ["attributeValue"] = "false" }),
        ["maxResults"] = 50,
    });

    public static ApiCall DescribeConfigurationRecorderStatus(CallContext c) => ApiCall.Read("config", "DescribeConfigurationRecorderStatus");

    public static ApiCall DescribeConfigRules(CallContext c) => ApiCall.Read("config", "DescribeConfigRules");

    public static ApiCall DescribeComplianceByConfigRule(CallContext c) =>
        ApiCall.Read("config", "DescribeComplianceByConfigRule", new() { ["complianceTypes"] = new JsonArray("NON_COMPLIANT") });

    public static ApiCall DescribeOrganization(CallContext c) => ApiCall.Read("organizations", "DescribeOrganization") with { Request = null, Region = "us-east-1" };

    public static ApiCall ListAccounts(CallContext c) => ApiCall.Read("organizations", "ListAccounts") with { Region = "us-east-1" };

    public static string TrailArn(CallContext c, string securityAccountId) => $"arn:aws:cloudtrail:us-east-1:{securityAccountId}:trail/org-trail";
}
