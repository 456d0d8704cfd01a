// Denied attempts count: an SCP usually blocks the call, and the attempt is the signal.
bool Rule(CloudTrailEvent e) => !e.IsAwsServiceCall;

string Severity(CloudTrailEvent e) => e.IsSuccess ? "high" : "medium";

string Title(CloudTrailEvent e) => e.IsSuccess
    ? $"Account {e.RecipientAccountId} left its AWS Organization ({e.ActorName})"
    : $"Account {e.RecipientAccountId} tried to leave its AWS Organization ({e.ActorName}, {e.ErrorCode})";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}";

object AlertContext(CloudTrailEvent e) => new
{
    account = e.RecipientAccountId,
    succeeded = e.IsSuccess,
    error = e.ErrorCode,
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
};
