using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Sessions;

/// <summary>
/// Assembles a CloudTrail record from a caller and a call, field by field in the order CloudTrail
/// writes them (see the "CloudTrail record contents" page of the AWS CloudTrail User Guide).
/// </summary>
internal static class RecordFactory
{
    private const string EventVersion = "1.11";

    public static JsonObject Build(DateTimeOffset at, Caller caller, ApiCall call, ApiError? error, string sessionRegion, SeededRandom random)
    {
        var region = call.Region ?? sessionRegion;
        var (sourceIp, endpointId) = caller.Egress is { } egress ? egress.Route(call.Service, random) : (caller.SourceIp, null);
        var record = new JsonObject
        {
            ["eventVersion"] = call.EventType == "AwsConsoleSignIn" ? "1.09" : EventVersion,
            ["userIdentity"] = caller.Identity.DeepClone(),
            ["eventTime"] = Timestamps.Iso(at),
            ["eventSource"] = call.EventSource,
            ["eventName"] = call.EventName,
            ["awsRegion"] = region,
            ["sourceIPAddress"] = sourceIp,
            ["userAgent"] = caller.UserAgentFor(call),
        };
        if (error is not null)
        {
            if (error.Code is not null)
            {
                record["errorCode"] = error.Code;
            }

            if (error.Message is not null)
            {
                record["errorMessage"] = error.Message;
            }
        }

        record["requestParameters"] = Own(call.Request);
        record["responseElements"] = error?.Code is null ? Own(call.Response) : null;
        if (call.AdditionalEventData is not null)
        {
            record["additionalEventData"] = Own(call.AdditionalEventData);
        }

        if (call.EventType != "AwsServiceEvent")
        {
            record["requestID"] = call.ShortRequestId ? random.UpperAlphanumeric(16) : random.Uuid();
        }

        record["eventID"] = random.Uuid();
        record["readOnly"] = call.ReadOnly;
        if (call.Resources is not null)
        {
            record["resources"] = Own(call.Resources);
        }

        record["eventType"] = call.EventType;
        if (call.ApiVersion is not null)
        {
            record["apiVersion"] = call.ApiVersion;
        }

        record["managementEvent"] = !call.IsDataEvent;
        record["recipientAccountId"] = caller.Account.Id;
        if (call.ServiceEventDetails is not null)
        {
            record["serviceEventDetails"] = Own(call.ServiceEventDetails);
        }

        if (endpointId is not null)
        {
            record["vpcEndpointId"] = endpointId;
            record["vpcEndpointAccountId"] = caller.Account.Id;
        }

        record["eventCategory"] = call.IsDataEvent ? "Data" : "Management";
        if (!caller.IsServiceHost)
        {
            record["tlsDetails"] = Tls(caller, call.Host ?? $"{call.Service}.{region}.amazonaws.com");
        }

        if (caller.FromConsole)
        {
            record["sessionCredentialFromConsole"] = "true";
        }

        return record;
    }

    // Older Go SDK clients (the SSM agent, the vendor's crawler) still negotiate TLS 1.2.
    private static JsonObject Tls(Caller caller, string host) => caller.UserAgent.StartsWith("aws-sdk-go/", StringComparison.Ordinal)
        ? new JsonObject { ["tlsVersion"] = "TLSv1.2", ["cipherSuite"] = "ECDHE-RSA-AES128-GCM-SHA256", ["clientProvidedHostHeader"] = host }
        : new JsonObject { ["tlsVersion"] = "TLSv1.3", ["cipherSuite"] = "TLS_AES_128_GCM_SHA256", ["clientProvidedHostHeader"] = host };

    // A node can have one parent; a call reused for a retry gets a copy.
    private static JsonNode? Own(JsonNode? node) => node is null || node.Parent is null ? node : node.DeepClone();
}
