using System.Text.Json;
using System.Text.Json.Nodes;
using DetectionKit.Scripting;

namespace DetectionKit.Tests.Shared;

/// <summary>
/// CloudTrail records for tests: a plausible management event by default, with only what a test is
/// about spelled out at the call site.
/// </summary>
internal static class Some
{
    public const string AccountId = "111122223333";

    public const string EventTime = "2024-07-31T13:06:24Z";

    /// <summary>A successful <c>cloudtrail:StopLogging</c> by the IAM user <c>alice</c>, unless told otherwise.</summary>
    public static JsonObject Record(
        string? eventName = "StopLogging",
        string eventSource = "cloudtrail.amazonaws.com",
        string? errorCode = null,
        JsonObject? userIdentity = null,
        string eventId = "00000000-0000-4000-8000-000000000001")
    {
        var record = new JsonObject
        {
            ["eventVersion"] = "1.08",
            ["userIdentity"] = userIdentity ?? IamUser("alice"),
            ["eventTime"] = EventTime,
            ["eventSource"] = eventSource,
            ["eventName"] = eventName,
            ["awsRegion"] = "us-east-1",
            ["sourceIPAddress"] = "203.0.113.7",
            ["userAgent"] = "aws-cli/2.15.0",
            ["requestParameters"] = new JsonObject { ["name"] = "prod-trail" },
            ["responseElements"] = null,
            ["requestID"] = "5f8a3c1e-0000-4000-8000-000000000002",
            ["eventID"] = eventId,
            ["readOnly"] = false,
            ["eventType"] = "AwsApiCall",
            ["managementEvent"] = true,
            ["recipientAccountId"] = AccountId,
            ["eventCategory"] = "Management",
        };
        if (eventName is null)
        {
            record.Remove("eventName");
        }

        if (errorCode is not null)
        {
            record["errorCode"] = errorCode;
            record["errorMessage"] = $"User is not authorized to perform this operation ({errorCode})";
        }

        return record;
    }

    /// <summary>A console sign-in whose <c>responseElements.ConsoleLogin</c> is <paramref name="result"/>.</summary>
    public static JsonObject ConsoleLogin(string result, string mfaUsed = "No")
    {
        var record = Record("ConsoleLogin", "signin.amazonaws.com");
        record["eventType"] = "AwsConsoleSignIn";
        record["requestParameters"] = null;
        record["responseElements"] = new JsonObject { ["ConsoleLogin"] = result };
        record["additionalEventData"] = new JsonObject { ["MFAUsed"] = mfaUsed, ["MobileVersion"] = "No" };
        return record;
    }

    /// <summary>A CloudTrail Insights record: its event name lives under <c>insightDetails</c>, not at the top.</summary>
    public static JsonObject Insight() => new()
    {
        ["eventVersion"] = "1.08",
        ["eventTime"] = EventTime,
        ["awsRegion"] = "us-east-1",
        ["eventID"] = "00000000-0000-4000-8000-00000000000a",
        ["eventType"] = "AwsCloudTrailInsight",
        ["recipientAccountId"] = AccountId,
        ["sharedEventID"] = "00000000-0000-4000-8000-00000000000b",
        ["insightDetails"] = new JsonObject
        {
            ["state"] = "Start",
            ["eventSource"] = "ec2.amazonaws.com",
            ["eventName"] = "RunInstances",
            ["insightType"] = "ApiCallRateInsight",
        },
        ["eventCategory"] = "Insight",
    };

    public static JsonObject IamUser(string userName) => new()
    {
        ["type"] = "IAMUser",
        ["principalId"] = "AIDAEXAMPLE000000001",
        ["arn"] = $"arn:aws:iam::{AccountId}:user/{userName}",
        ["accountId"] = AccountId,
        ["accessKeyId"] = "AKIAEXAMPLE000000001",
        ["userName"] = userName,
    };

    public static JsonObject Root() => new()
    {
        ["type"] = "Root",
        ["principalId"] = AccountId,
        ["arn"] = $"arn:aws:iam::{AccountId}:root",
        ["accountId"] = AccountId,
    };

    public static JsonObject AssumedRole(string role, string session, bool mfaAuthenticated = false) => new()
    {
        ["type"] = "AssumedRole",
        ["principalId"] = $"AROAEXAMPLE000000001:{session}",
        ["arn"] = $"arn:aws:sts::{AccountId}:assumed-role/{role}/{session}",
        ["accountId"] = AccountId,
        ["sessionContext"] = new JsonObject
        {
            ["sessionIssuer"] = new JsonObject
            {
                ["type"] = "Role",
                ["principalId"] = "AROAEXAMPLE000000001",
                ["arn"] = $"arn:aws:iam::{AccountId}:role/{role}",
                ["accountId"] = AccountId,
                ["userName"] = role,
            },
            ["attributes"] = new JsonObject
            {
                ["creationDate"] = "2024-07-31T12:00:00Z",
                ["mfaAuthenticated"] = mfaAuthenticated ? "true" : "false",
            },
        },
    };

    public static JsonObject AwsService(string service) => new()
    {
        ["type"] = "AWSService",
        ["invokedBy"] = service,
    };

    public static CloudTrailEvent Event(JsonObject record) => new(JsonSerializer.SerializeToElement(record));

    public static CloudTrailEvent Event(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new CloudTrailEvent(document.RootElement.Clone());
    }

    /// <summary>One record per line, as CloudTrail Lake and Logstash exports write them.</summary>
    public static string JsonLines(params JsonObject[] records) =>
        string.Concat(records.Select(r => r.ToJsonString() + "\n"));

    /// <summary>The S3 delivery shape: <c>{"Records":[...]}</c>.</summary>
    public static string Delivery(params JsonObject[] records) =>
        new JsonObject { ["Records"] = new JsonArray([.. records]) }.ToJsonString();
}
