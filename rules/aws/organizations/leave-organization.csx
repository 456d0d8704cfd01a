// Denied attempts count: an SCP usually blocks the call, and the attempt is the signal.
bool Rule(CloudTrailEvent e) => !e.IsAwsServiceCall;

AlertSeverity Severity(CloudTrailEvent e) => e.IsSuccess ? AlertSeverity.High : AlertSeverity.Medium;

string Title(CloudTrailEvent e) => e.IsSuccess
    ? $"Account {e.RecipientAccountId} left its AWS Organization ({e.ActorName})"
    : $"Account {e.RecipientAccountId} tried to leave its AWS Organization ({e.ActorName}, {e.ErrorCode})";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    account = e.RecipientAccountId,
    succeeded = e.IsSuccess,
    error = e.ErrorCode,
});
