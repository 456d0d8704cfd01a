using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Calls;

/// <summary>
/// The security services (GuardDuty, CloudTrail, Config, Organizations): reads of every kind, and the
/// writes the security baseline's infrastructure code makes, which keep logging and detection on.
/// </summary>
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

    /// <summary>
    /// The detector as Terraform declares it: enabled, findings exported every fifteen minutes, and
    /// its protection plans on (the request repeats every setting, changed or not).
    /// </summary>
    public static ApiCall UpdateDetector(CallContext c) => ApiCall.Write("guardduty", "UpdateDetector",
        new()
        {
            ["detectorId"] = c.Account.GuardDutyDetectorId,
            ["enable"] = true,
            ["findingPublishingFrequency"] = "FIFTEEN_MINUTES",
            ["features"] = new JsonArray([.. new[] { "S3_DATA_EVENTS", "EBS_MALWARE_PROTECTION", "RDS_LOGIN_EVENTS", "LAMBDA_NETWORK_LOGS" }
                .Select(f => (JsonNode)new JsonObject { ["name"] = f, ["status"] = "ENABLED" })]),
        });

    /// <summary>
    /// The organisation trail updated with only what changed, as Terraform does: delivery to a
    /// CloudWatch Logs group, or a new notification topic. The response reports the whole trail,
    /// still multi-region, validated and encrypted.
    /// </summary>
    public static ApiCall UpdateTrail(CallContext c, JsonObject changes)
    {
        var arn = TrailArn(c, c.Account.Id);
        var request = new JsonObject { ["name"] = arn };
        var response = new JsonObject
        {
            ["name"] = "org-trail",
            ["s3BucketName"] = $"acme-org-cloudtrail-{c.Account.Id}",
            ["includeGlobalServiceEvents"] = true,
            ["isMultiRegionTrail"] = true,
            ["trailARN"] = arn,
            ["logFileValidationEnabled"] = true,
            ["kmsKeyId"] = c.Account.Keys[0].Arn,
            ["isOrganizationTrail"] = true,
        };
        foreach (var (key, value) in changes)
        {
            request[key] = value!.DeepClone();
            response[key] = value.DeepClone();
        }

        if (changes["snsTopicName"] is { } topic)
        {
            response["snsTopicARN"] = $"arn:aws:sns:us-east-1:{c.Account.Id}:{topic}";
        }

        return ApiCall.Write("cloudtrail", "UpdateTrail", request, response);
    }

    /// <summary>
    /// Advanced event selectors that keep every management event and log S3 object events for all
    /// buckets but the access-log buckets (whose writes would only log themselves).
    /// </summary>
    public static ApiCall PutEventSelectors(CallContext c, IEnumerable<string> excludedBuckets)
    {
        JsonArray Selectors() => new(
            new JsonObject
            {
                ["name"] = "Management events",
                ["fieldSelectors"] = new JsonArray(new JsonObject { ["field"] = "eventCategory", ["equals"] = new JsonArray("Management") }),
            },
            new JsonObject
            {
                ["name"] = "S3 object events except access logs",
                ["fieldSelectors"] = new JsonArray(
                    new JsonObject { ["field"] = "eventCategory", ["equals"] = new JsonArray("Data") },
                    new JsonObject { ["field"] = "resources.type", ["equals"] = new JsonArray("AWS::S3::Object") },
                    new JsonObject { ["field"] = "resources.ARN", ["notStartsWith"] = new JsonArray([.. excludedBuckets.Select(b => (JsonNode)$"arn:aws:s3:::{b}/")]) }),
            });

        return ApiCall.Write("cloudtrail", "PutEventSelectors",
            new() { ["trailName"] = TrailArn(c, c.Account.Id), ["advancedEventSelectors"] = Selectors() },
            new() { ["trailARN"] = TrailArn(c, c.Account.Id), ["advancedEventSelectors"] = Selectors() });
    }

    /// <summary>A Config rule a Control Tower control deploys: an AWS managed rule over one resource type.</summary>
    public static ApiCall PutConfigRule(CallContext c, string name, string identifier, string resourceType) => ApiCall.Write("config", "PutConfigRule", new()
    {
        ["configRule"] = new JsonObject
        {
            ["configRuleName"] = name,
            ["scope"] = new JsonObject { ["complianceResourceTypes"] = new JsonArray(resourceType) },
            ["source"] = new JsonObject { ["owner"] = "AWS", ["sourceIdentifier"] = identifier },
        },
    });

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
