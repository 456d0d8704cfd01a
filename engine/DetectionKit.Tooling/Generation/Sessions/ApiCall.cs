using System.Text.Json.Nodes;

namespace DetectionKit.Tooling.Generation.Sessions;

/// <summary>
/// What one API call contributes to its record: the operation, its parameters and response, and the
/// few fields that depend on the operation rather than on the caller. Built fresh for every record.
/// </summary>
internal sealed record ApiCall(string EventSource, string EventName, bool ReadOnly)
{
    public JsonObject? Request { get; init; }

    public JsonObject? Response { get; init; }

    public JsonArray? Resources { get; init; }

    public JsonObject? AdditionalEventData { get; init; }

    public JsonObject? ServiceEventDetails { get; init; }

    /// <summary><c>AwsApiCall</c>, <c>AwsServiceEvent</c> or <c>AwsConsoleSignIn</c>.</summary>
    public string EventType { get; init; } = "AwsApiCall";

    /// <summary>S3 object operations: logged as data events when the trail selects them.</summary>
    public bool IsDataEvent { get; init; }

    /// <summary>Global services (IAM, the global STS endpoint, sign-in) record us-east-1 whatever the caller's region.</summary>
    public string? Region { get; init; }

    public string? ApiVersion { get; init; }

    /// <summary>The host name the client called, when it is not <c>service.region.amazonaws.com</c>.</summary>
    public string? Host { get; init; }

    /// <summary>S3 request ids are 16 upper-case hex digits rather than UUIDs.</summary>
    public bool ShortRequestId { get; init; }

    public static ApiCall Read(string service, string eventName, JsonObject? request = null) =>
        new($"{service}.amazonaws.com", eventName, ReadOnly: true) { Request = request ?? [] };

    public static ApiCall Write(string service, string eventName, JsonObject? request, JsonObject? response = null) =>
        new($"{service}.amazonaws.com", eventName, ReadOnly: false) { Request = request, Response = response };

    public string Service => EventSource[..EventSource.IndexOf('.')];
}
