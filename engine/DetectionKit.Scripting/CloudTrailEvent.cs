using System.Globalization;
using System.Text.Json;

namespace DetectionKit.Scripting;

/// <summary>
/// One CloudTrail record, read lazily from its JSON. Every property is null when the record lacks the
/// field (Insights events, for one, have no top-level <c>eventName</c>).
/// </summary>
public sealed class CloudTrailEvent
{
    private UserIdentity? userIdentity;
    private SourceAddress? sourceAddress;

    public CloudTrailEvent(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"A CloudTrail record is a JSON object, not {json.ValueKind}.", nameof(json));
        }

        Json = json;
    }

    /// <summary>The raw record.</summary>
    public JsonElement Json { get; }

    public string? EventName => Get("eventName");

    public string? EventSource => Get("eventSource");

    /// <summary><c>eventTime</c>, or <c>@timestamp</c> for records re-exported through Logstash.</summary>
    public DateTimeOffset? EventTime => ParseTime(Get("eventTime") ?? Get("@timestamp"));

    public string? AwsRegion => Get("awsRegion");

    public string? SourceIPAddress => Get("sourceIPAddress");

    /// <summary><c>sourceIPAddress</c> read as an address or AWS service name: <c>e.SourceAddress.IsIn("203.0.113.0/24")</c>.</summary>
    public SourceAddress SourceAddress => sourceAddress ??= SourceAddress.Of(SourceIPAddress);

    public string? UserAgent => Get("userAgent");

    public string? ErrorCode => Get("errorCode");

    public string? ErrorMessage => Get("errorMessage");

    public string? RecipientAccountId => Get("recipientAccountId");

    /// <summary><c>AwsApiCall</c>, <c>AwsServiceEvent</c>, <c>AwsConsoleSignIn</c>, <c>AwsCloudTrailInsight</c>, ...</summary>
    public string? EventType => Get("eventType");

    /// <summary><c>Management</c>, <c>Data</c>, <c>Insight</c>, <c>NetworkActivity</c>.</summary>
    public string? EventCategory => Get("eventCategory");

    public string? EventId => Get("eventID");

    public string? RequestId => Get("requestID");

    public UserIdentity UserIdentity => userIdentity ??= new UserIdentity(Element("userIdentity") ?? default);

    /// <summary>The value at a dotted path as text: strings as they are, numbers and booleans as their JSON text, objects and arrays as JSON; null when absent.</summary>
    public string? Get(string path) => JsonPath.AsText(JsonPath.Find(Json, path));

    /// <summary>The JSON element at a dotted path, or null when absent.</summary>
    public JsonElement? Element(string path)
    {
        var found = JsonPath.Find(Json, path);
        return found is { ValueKind: JsonValueKind.Null } ? null : found;
    }

    /// <summary>True when the path exists and is not JSON null.</summary>
    public bool Has(string path) => Element(path) is not null;

    /// <summary><c>requestParameters.&lt;path&gt;</c>.</summary>
    public string? RequestParameter(string path) => Get("requestParameters." + path);

    /// <summary>The element at <c>requestParameters.&lt;path&gt;</c>, or null: for objects, lists and policies.</summary>
    public JsonElement? RequestParameterElement(string path) => Element("requestParameters." + path);

    /// <summary><c>responseElements.&lt;path&gt;</c>.</summary>
    public string? ResponseElement(string path) => Get("responseElements." + path);

    /// <summary>The call succeeded: no error code or message, and not a failed console sign-in.</summary>
    public bool IsSuccess =>
        ErrorCode is null && ErrorMessage is null && ResponseElement("ConsoleLogin") != "Failure";

    /// <summary>The caller is the account's root user.</summary>
    public bool IsRoot => UserIdentity.Type == "Root";

    /// <summary>
    /// The call was made by an AWS service itself: an <c>AWSService</c> identity, an <c>AwsServiceEvent</c>,
    /// or a session of a service-linked role (issuer path <c>/aws-service-role/</c>, such as IAM Identity
    /// Center's <c>AWSServiceRoleForSSO</c>). A call a service forwarded for a principal
    /// (<c>invokedBy</c> set on a user or role identity, as CloudFormation does for the stack's caller) is
    /// <em>not</em> a service call: it is that principal's call, see <see cref="InvokedByService"/>.
    /// </summary>
    public bool IsAwsServiceCall =>
        UserIdentity.Type == "AWSService" || EventType == "AwsServiceEvent" || UserIdentity.IsServiceLinkedRoleSession;

    /// <summary>
    /// The AWS service that made this call on a principal's behalf (<c>userIdentity.invokedBy</c>, e.g.
    /// <c>cloudformation.amazonaws.com</c> deploying a stack for the user who created it); null when the
    /// principal called directly, and for the calls services make themselves (<see cref="IsAwsServiceCall"/>).
    /// </summary>
    public string? InvokedByService => IsAwsServiceCall ? null : UserIdentity.InvokedBy;

    /// <summary>MFA was used: an MFA-authenticated session, or a console sign-in that reports <c>MFAUsed: Yes</c>.</summary>
    public bool MfaUsed =>
        UserIdentity.MfaAuthenticated || Get("additionalEventData.MFAUsed") == "Yes";

    /// <summary>The caller's account is not the account that received the call (both known).</summary>
    public bool IsCrossAccount =>
        UserIdentity.AccountId is { } caller && RecipientAccountId is { } recipient && caller != recipient;

    /// <summary>The record marks the call read-only.</summary>
    public bool IsReadOnly => Get("readOnly") == "true";

    /// <summary>A CloudTrail Insights record (<c>eventType: AwsCloudTrailInsight</c>).</summary>
    public bool IsInsight => EventType == "AwsCloudTrailInsight";

    /// <summary>
    /// A short display name for whoever made the call: the IAM user name, <c>root</c>, the role session
    /// as <c>role/session</c>, the invoking service, or failing those the ARN or principal id.
    /// </summary>
    public string ActorName
    {
        get
        {
            var identity = UserIdentity;
            switch (identity.Type)
            {
                case "Root":
                    return "root";
                case "IAMUser" when identity.UserName is { } user:
                    return user;
                case "AssumedRole" when identity.SessionIssuerUserName is { } role:
                    var session = identity.Arn is { } arn ? arn[(arn.LastIndexOf('/') + 1)..] : null;
                    return session is null ? role : $"{role}/{session}";
                case "AWSService":
                    return identity.InvokedBy ?? "AWSService";
            }

            return identity.UserName ?? identity.Arn ?? identity.InvokedBy ?? identity.PrincipalId ?? "unknown";
        }
    }

    public override string ToString() => $"{EventSource}:{EventName ?? EventType} {EventId}";

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
}
