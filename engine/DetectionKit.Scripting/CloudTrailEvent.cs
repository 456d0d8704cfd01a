using System.Reflection;
using System.Text.Json;

namespace DetectionKit.Scripting;

/// <summary>
/// One CloudTrail record, the argument of every rule function. Fields are read from the record's JSON
/// when asked for, never copied or validated up front: every field property is null when the record
/// lacks the field or holds JSON <c>null</c> there (Insights records, for one, have no top-level
/// <c>eventName</c>), and a field that is not a string reads as its JSON text (a number as
/// <c>123456789012</c>, <c>true</c>, an object as compact JSON).
/// </summary>
/// <remarks>
/// Names in paths and the values compared by the flags are case-sensitive, as CloudTrail writes them:
/// <c>userIdentity.type</c> is <c>Root</c>, not <c>root</c>.
/// </remarks>
public sealed class CloudTrailEvent
{
    // Mutable on purpose: FieldCache is a struct that fills itself in.
    private FieldCache fields;
    private UserIdentity? userIdentity;
    private DateTimeOffset? eventTime;
    private bool eventTimeRead;
    private SourceAddress? sourceAddress;

    /// <summary>
    /// Wraps one record. The engine makes one per record it reads; build your own only to try a rule
    /// by hand. The element is kept, not copied, so its <see cref="JsonDocument"/> must outlive the event
    /// (<see cref="JsonElement.Clone"/> gives one that does).
    /// </summary>
    /// <param name="json">The record: a JSON object as CloudTrail delivers it under <c>Records</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="json"/> is not a JSON object.</exception>
    public CloudTrailEvent(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"A CloudTrail record is a JSON object, not {json.ValueKind}.", nameof(json));
        }

        Json = json;
    }

    /// <summary>The raw record, for what the other members do not cover; <see cref="Get"/> and <see cref="Element"/> read any field by path.</summary>
    public JsonElement Json { get; }

    /// <summary><c>eventName</c>, the API operation or event: <c>StopLogging</c>, <c>ConsoleLogin</c>; null when absent.</summary>
    public string? EventName => fields.Get(0, Json, "eventName");

    /// <summary><c>eventSource</c>, the service the call went to: <c>cloudtrail.amazonaws.com</c>; null when absent.</summary>
    public string? EventSource => fields.Get(1, Json, "eventSource");

    /// <summary>
    /// <c>eventTime</c>, or <c>@timestamp</c> for records re-exported through Logstash, in UTC (a time
    /// without an offset is taken as UTC); null when both are absent or the text is not an ISO-8601
    /// time such as <c>2024-08-05T10:00:00Z</c> (<c>05/08/2024 10:00</c> is not read as a date). The
    /// engine does not evaluate a record without a time it can read.
    /// </summary>
    public DateTimeOffset? EventTime
    {
        get
        {
            if (!eventTimeRead)
            {
                eventTime = IsoTime.Parse(Get("eventTime") ?? Get("@timestamp"));
                eventTimeRead = true;
            }

            return eventTime;
        }
    }

    /// <summary><c>awsRegion</c>, the region the call was made to: <c>us-east-1</c>; null when absent.</summary>
    public string? AwsRegion => fields.Get(2, Json, "awsRegion");

    /// <summary>
    /// <c>sourceIPAddress</c> as written: an IPv4 or IPv6 address, or a service name such as
    /// <c>ec2.amazonaws.com</c> or <c>AWS Internal</c>; null when absent. <see cref="SourceAddress"/> reads it.
    /// </summary>
    public string? SourceIPAddress => fields.Get(3, Json, "sourceIPAddress");

    /// <summary>
    /// <c>sourceIPAddress</c> read as an address or AWS service name: <c>e.SourceAddress.IsIn("203.0.113.0/24")</c>.
    /// Never null: when the field is absent its <see cref="Scripting.SourceAddress.Text"/> is null and every test is false.
    /// </summary>
    public SourceAddress SourceAddress => sourceAddress ??= SourceAddress.Of(SourceIPAddress);

    /// <summary><c>userAgent</c>: the SDK, CLI or console that made the call, or a service name; null when absent.</summary>
    public string? UserAgent => fields.Get(4, Json, "userAgent");

    /// <summary><c>errorCode</c>, set when the call failed: <c>AccessDenied</c>, <c>NoSuchEntityException</c>; null for a call that succeeded.</summary>
    public string? ErrorCode => fields.Get(5, Json, "errorCode");

    /// <summary><c>errorMessage</c>, the failure's text when the service gave one; null when absent.</summary>
    public string? ErrorMessage => fields.Get(6, Json, "errorMessage");

    /// <summary><c>recipientAccountId</c>, the account that received the call (and owns the record); null when absent.</summary>
    public string? RecipientAccountId => fields.Get(7, Json, "recipientAccountId");

    /// <summary><c>eventType</c>: <c>AwsApiCall</c>, <c>AwsServiceEvent</c>, <c>AwsConsoleSignIn</c>, <c>AwsCloudTrailInsight</c>, ...; null when absent.</summary>
    public string? EventType => fields.Get(8, Json, "eventType");

    /// <summary><c>eventCategory</c>: <c>Management</c>, <c>Data</c>, <c>Insight</c>, <c>NetworkActivity</c>; null when absent (older records).</summary>
    public string? EventCategory => fields.Get(9, Json, "eventCategory");

    /// <summary><c>eventID</c>, CloudTrail's unique id of the record; null when absent.</summary>
    public string? EventId => fields.Get(10, Json, "eventID");

    /// <summary><c>requestID</c>, the service's id of the request; null when absent.</summary>
    public string? RequestId => fields.Get(11, Json, "requestID");

    /// <summary>
    /// The <c>userIdentity</c> block: who made the call. Never null: when the record has no
    /// <c>userIdentity</c> object, each of its values is null and each flag false.
    /// </summary>
    public UserIdentity UserIdentity => userIdentity ??= new UserIdentity(Element("userIdentity") ?? default);

    /// <summary>
    /// The value at a dotted path as text: strings as they are, numbers and booleans as their JSON text,
    /// objects and arrays as compact JSON; null when the path is absent or holds JSON <c>null</c>.
    /// </summary>
    /// <param name="path">
    /// Property names from the record's root, separated by dots and matched case-sensitively; a numeric
    /// segment indexes an array: <c>requestParameters.bucketName</c>, <c>resources.0.ARN</c>.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public string? Get(string path) => JsonPath.AsText(JsonPath.Find(Json, path));

    /// <summary>The JSON element at a dotted path (as in <see cref="Get"/>); null when the path is absent or holds JSON <c>null</c>.</summary>
    /// <param name="path">A dotted path from the record's root, as in <see cref="Get"/>.</param>
    public JsonElement? Element(string path)
    {
        var found = JsonPath.Find(Json, path);
        return found is { ValueKind: JsonValueKind.Null } ? null : found;
    }

    /// <summary>True when the path exists and is not JSON <c>null</c>; an empty string or an empty list is present.</summary>
    /// <param name="path">A dotted path from the record's root, as in <see cref="Get"/>.</param>
    public bool Has(string path) => Element(path) is not null;

    /// <summary>
    /// The value at <c>requestParameters.&lt;path&gt;</c> as text, as <see cref="Get"/> gives it:
    /// <c>e.RequestParameter("name")</c>; null when absent (some calls record no request parameters at all).
    /// </summary>
    /// <param name="path">A dotted path inside <c>requestParameters</c>.</param>
    public string? RequestParameter(string path) => Get("requestParameters." + path);

    /// <summary>
    /// The element at <c>requestParameters.&lt;path&gt;</c>, for objects, lists and policies:
    /// <c>PolicyDocument.Parse(e.RequestParameterElement("bucketPolicy"))</c>; null when absent or JSON <c>null</c>.
    /// </summary>
    /// <param name="path">A dotted path inside <c>requestParameters</c>.</param>
    public JsonElement? RequestParameterElement(string path) => Element("requestParameters." + path);

    /// <summary>
    /// The <c>requestParameters</c> object; null when the record has none. Read inside it with the same
    /// accessors as anywhere else: <c>e.RequestParameters.Get("bucketName")</c>,
    /// <c>e.RequestParameters.Element("policy")</c>, <c>e.RequestParameters.Strings("instancesSet.items")</c>.
    /// </summary>
    public JsonElement? RequestParameters => Element("requestParameters");

    /// <summary>
    /// The <c>responseElements</c> object; null when the record has none (failed calls, and many
    /// successful ones): <c>e.ResponseElements.Element("credentials")</c>, <c>e.ResponseElements.Get("trailARN")</c>.
    /// </summary>
    public JsonElement? ResponseElements => Element("responseElements");

    /// <summary>
    /// The value at <c>responseElements.&lt;path&gt;</c> as text, as <see cref="Get"/> gives it; null when
    /// absent (failed calls, and many successful ones, record no response elements).
    /// </summary>
    /// <param name="path">A dotted path inside <c>responseElements</c>.</param>
    public string? ResponseElement(string path) => Get("responseElements." + path);

    /// <summary>
    /// The call succeeded: the record has neither <c>errorCode</c> nor <c>errorMessage</c>, and it is not a
    /// console sign-in event whose outcome says <c>Failure</c>. Sign-in events (<c>eventType: AwsConsoleSignIn</c>,
    /// or <c>eventSource: signin.amazonaws.com</c>) have no <c>errorCode</c>; they record the outcome in
    /// <c>responseElements</c> under the event's own name:
    /// <c>ConsoleLogin: Failure</c>, <c>PasswordUpdated: Failure</c> (a failed root password change),
    /// <c>SwitchRole: Failure</c>.
    /// </summary>
    public bool IsSuccess =>
        ErrorCode is null && ErrorMessage is null && !IsFailedSignIn;

    // A failed ConsoleLogin keeps being a failure whatever its eventType says, as it always was.
    private bool IsFailedSignIn =>
        ResponseElement("ConsoleLogin") == "Failure"
        || ((EventType == "AwsConsoleSignIn" || EventSource == "signin.amazonaws.com")
            && EventName is { } name && ResponseElement(name) == "Failure");

    /// <summary>The caller is the account's root user: <c>userIdentity.type</c> is <c>Root</c>.</summary>
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

    /// <summary>
    /// MFA was used: a session whose <c>mfaAuthenticated</c> attribute is <c>true</c>
    /// (<see cref="Scripting.UserIdentity.MfaAuthenticated"/>), or a console sign-in whose
    /// <c>additionalEventData.MFAUsed</c> is <c>Yes</c>. False when the record says neither.
    /// </summary>
    public bool MfaUsed =>
        UserIdentity.MfaAuthenticated || Get("additionalEventData.MFAUsed") == "Yes";

    /// <summary>
    /// The caller's account (<c>userIdentity.accountId</c>) is not the account that received the call
    /// (<c>recipientAccountId</c>); false when either is absent.
    /// </summary>
    public bool IsCrossAccount =>
        UserIdentity.AccountId is { } caller && RecipientAccountId is { } recipient && caller != recipient;

    /// <summary>
    /// <c>readOnly</c> is <c>true</c>. False when the field is absent, as it is in many records: read
    /// <c>!IsReadOnly</c> as "not marked read-only", not as "a write".
    /// </summary>
    public bool IsReadOnly => Get("readOnly") == "true";

    /// <summary>A CloudTrail Insights record (<c>eventType: AwsCloudTrailInsight</c>).</summary>
    public bool IsInsight => EventType == "AwsCloudTrailInsight";

    /// <summary>
    /// A short display name for whoever made the call, for titles and dedup keys; never null. <c>root</c>
    /// for the root user; the user name for an IAM user; <c>role/session</c> for an assumed role (the
    /// issuing role's name and the last part of the session ARN); the invoking service for an
    /// <c>AWSService</c> identity; otherwise the first present of the user name, ARN, <c>invokedBy</c> and
    /// principal id, and <c>unknown</c> when there is none.
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

    /// <summary>
    /// An alert context with the fields every CloudTrail alert wants: the rule's own <paramref name="fields"/>
    /// first (an anonymous object, or a dictionary), then <c>actor</c> (the caller's ARN), <c>region</c>,
    /// <c>sourceIp</c>, <c>userAgent</c> and <c>invokedBy</c> (<see cref="InvokedByService"/>), each unless
    /// the rule's fields already name it:
    /// <c>object AlertContext(CloudTrailEvent e) =&gt; e.StandardContext(new { trail = e.RequestParameter("name") });</c>
    /// </summary>
    /// <param name="fields">The rule's own fields, or null for the standard ones alone.</param>
    /// <returns>Field name to value, in that order, for the engine to serialise as the alert's <c>context</c>.</returns>
    public IReadOnlyDictionary<string, object?> StandardContext(object? fields = null)
    {
        var context = new Dictionary<string, object?>(StringComparer.Ordinal);
        switch (fields)
        {
            case null:
                break;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                foreach (var (name, value) in pairs)
                {
                    context[name] = value;
                }

                break;
            default:
                foreach (var property in fields.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (property.GetIndexParameters().Length == 0)
                    {
                        context[property.Name] = property.GetValue(fields);
                    }
                }

                break;
        }

        context.TryAdd("actor", UserIdentity.Arn);
        context.TryAdd("region", AwsRegion);
        context.TryAdd("sourceIp", SourceIPAddress);
        context.TryAdd("userAgent", UserAgent);
        context.TryAdd("invokedBy", InvokedByService);
        return context;
    }

    /// <summary><c>eventSource:eventName eventID</c> (the event type when there is no event name), to name the record in messages.</summary>
    public override string ToString() => $"{EventSource}:{EventName ?? EventType} {EventId}";
}
