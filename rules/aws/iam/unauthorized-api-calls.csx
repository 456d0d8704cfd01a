// The CIS filter: error codes ending in UnauthorizedOperation or starting with AccessDenied, plus
// UnauthorizedAccess variants some services use.
static readonly Regex Denied = new(@"UnauthorizedOperation$|^AccessDenied|UnauthorizedAccess", RegexOptions.IgnoreCase);

// No match block: any API can be denied. The error code check comes first to keep this cheap.
bool Rule(CloudTrailEvent e) =>
    e.ErrorCode is { } code
    && Denied.IsMatch(code)
    && !e.IsAwsServiceCall
    && e.SourceIPAddress != "delivery.logs.amazonaws.com"
    && e.EventName != "HeadBucket";

string Service(CloudTrailEvent e) => e.EventSource?.Replace(".amazonaws.com", "");

string Title(CloudTrailEvent e) => $"Denied {Service(e)}:{e.EventName} by {e.ActorName} ({e.ErrorCode})";

// A burst is judged per principal.
string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId ?? e.UserIdentity.AccountId}:{e.UserIdentity.Arn ?? e.ActorName}";

object AlertContext(CloudTrailEvent e) => new
{
    eventSource = e.EventSource,
    eventName = e.EventName,
    errorCode = e.ErrorCode,
    errorMessage = e.ErrorMessage,
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    accessKeyId = e.UserIdentity.AccessKeyId,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
