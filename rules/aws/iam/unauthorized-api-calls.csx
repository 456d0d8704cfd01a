#load "../../_lib/error-codes.csx"

// No match block: any API can be denied. The error code check comes first to keep this cheap: the CIS
// control's codes (ending in UnauthorizedOperation, starting with AccessDenied) and the other ways AWS
// services say a call was denied.
bool Rule(CloudTrailEvent e) => IsDeniedToPrincipal(e);

string Service(CloudTrailEvent e) => e.EventSource?.Replace(".amazonaws.com", "");

string Title(CloudTrailEvent e) => $"Denied {Service(e)}:{e.EventName} by {e.ActorName} ({e.ErrorCode})";

// A burst is judged per principal.
string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId ?? e.UserIdentity.AccountId}:{e.UserIdentity.Arn ?? e.ActorName}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    eventSource = e.EventSource,
    eventName = e.EventName,
    errorCode = e.ErrorCode,
    errorMessage = e.ErrorMessage,
    accessKeyId = e.UserIdentity.AccessKeyId,
});
