bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// Without userName the device belongs to the caller: the root user when root calls.
string Owner(CloudTrailEvent e) =>
    e.RequestParameter("userName") ?? (e.IsRoot ? "root" : e.UserIdentity.UserName ?? e.ActorName);

string Severity(CloudTrailEvent e) => Owner(e) == "root" ? "high" : "medium";

string Title(CloudTrailEvent e) => $"MFA device of {Owner(e)} deactivated by {e.ActorName} from {e.SourceIPAddress}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{Owner(e)}";

object AlertContext(CloudTrailEvent e) => new
{
    user = Owner(e),
    serialNumber = e.RequestParameter("serialNumber"),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
};
