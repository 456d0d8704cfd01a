using Microsoft.CodeAnalysis.CSharp;

namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary>
/// Where a Sigma field path lands on a CloudTrail record, and the rule-API expression that reads it:
/// the event's own property where it has one (<c>e.EventName</c>, <c>e.UserIdentity.Arn</c>), else
/// the dotted-path readers (<c>e.RequestParameter("userName")</c>, <c>e.Get("additionalEventData.MFAUsed")</c>).
/// Every one of them gives what <c>e.Get(path)</c> gives: strings as they are, numbers and booleans as
/// their JSON text, objects and lists as compact JSON, null when absent or JSON null.
/// </summary>
internal static class CloudTrailFields
{
    /// <summary>The top-level fields of a CloudTrail record (the CloudTrail record contents reference), Insights included.</summary>
    public static IReadOnlyList<string> TopLevel { get; } =
    [
        "eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress",
        "userAgent", "errorCode", "errorMessage", "requestParameters", "responseElements", "additionalEventData",
        "requestID", "eventID", "readOnly", "resources", "eventType", "apiVersion", "managementEvent",
        "recipientAccountId", "serviceEventDetails", "sharedEventID", "vpcEndpointId", "vpcEndpointAccountId",
        "eventCategory", "addendum", "sessionCredentialFromConsole", "edgeDeviceDetails", "tlsDetails",
        "insightDetails", "@timestamp",
    ];

    /// <summary>The fields of the <c>userIdentity</c> block.</summary>
    public static IReadOnlyList<string> UserIdentity { get; } =
    [
        "type", "principalId", "arn", "accountId", "accessKeyId", "userName", "sessionContext", "invokedBy",
        "identityProvider", "credentialId", "onBehalfOf", "inScopeOf",
    ];

    private static readonly Dictionary<string, string> Properties = new(StringComparer.Ordinal)
    {
        ["eventName"] = "e.EventName",
        ["eventSource"] = "e.EventSource",
        ["awsRegion"] = "e.AwsRegion",
        ["sourceIPAddress"] = "e.SourceIPAddress",
        ["userAgent"] = "e.UserAgent",
        ["errorCode"] = "e.ErrorCode",
        ["errorMessage"] = "e.ErrorMessage",
        ["recipientAccountId"] = "e.RecipientAccountId",
        ["eventType"] = "e.EventType",
        ["eventCategory"] = "e.EventCategory",
        ["eventID"] = "e.EventId",
        ["requestID"] = "e.RequestId",
        ["userIdentity.type"] = "e.UserIdentity.Type",
        ["userIdentity.arn"] = "e.UserIdentity.Arn",
        ["userIdentity.accountId"] = "e.UserIdentity.AccountId",
        ["userIdentity.principalId"] = "e.UserIdentity.PrincipalId",
        ["userIdentity.userName"] = "e.UserIdentity.UserName",
        ["userIdentity.invokedBy"] = "e.UserIdentity.InvokedBy",
        ["userIdentity.accessKeyId"] = "e.UserIdentity.AccessKeyId",
        ["userIdentity.sessionContext.sessionIssuer.arn"] = "e.UserIdentity.SessionIssuerArn",
        ["userIdentity.sessionContext.sessionIssuer.userName"] = "e.UserIdentity.SessionIssuerUserName",
    };

    /// <summary>
    /// Why the path has no place on a CloudTrail record (with the name it most likely meant), or
    /// null when it has one. Field names are matched case-sensitively, as the record spells them.
    /// </summary>
    public static string? Problem(string path)
    {
        var segments = path.Split('.');
        if (segments.Any(s => s.Length == 0))
        {
            return $"field '{path}' is not a dotted path (an empty segment)";
        }

        if (!TopLevel.Contains(segments[0], StringComparer.Ordinal))
        {
            var hint = Engine.Diagnostics.ClosestName.Find(segments[0], TopLevel) is { } near ? $" (did you mean '{near}'?)" : " (is it a field of another log source, or a name a Sigma pipeline maps?)";
            return $"field '{path}' has no place on a CloudTrail record: '{segments[0]}' is not one of its top-level fields{hint}";
        }

        if (segments[0] == "userIdentity" && segments.Length > 1 && !UserIdentity.Contains(segments[1], StringComparer.Ordinal))
        {
            var hint = Engine.Diagnostics.ClosestName.Find(segments[1], UserIdentity) is { } near ? $" (did you mean 'userIdentity.{near}'?)" : string.Empty;
            return $"field '{path}' has no place on a CloudTrail record: '{segments[1]}' is not a field of userIdentity{hint}";
        }

        return null;
    }

    /// <summary>The C# expression (of type <c>string?</c>) that reads the field from <c>e</c>.</summary>
    public static string Read(string path)
    {
        if (Properties.TryGetValue(path, out var property))
        {
            return property;
        }

        foreach (var (prefix, reader) in new[] { ("requestParameters.", "e.RequestParameter"), ("responseElements.", "e.ResponseElement"), ("userIdentity.", "e.UserIdentity.Get") })
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                return $"{reader}({Literal(path[prefix.Length..])})";
            }
        }

        return $"e.Get({Literal(path)})";
    }

    /// <summary>A C# string literal of <paramref name="text"/>.</summary>
    public static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);
}
