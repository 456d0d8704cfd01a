bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// Without userName the device belongs to the caller: the root user when root calls.
string Owner(CloudTrailEvent e) =>
    e.RequestParameter("userName") ?? (e.IsRoot ? "root" : e.UserIdentity.UserName ?? e.ActorName);

AlertSeverity Severity(CloudTrailEvent e) => Owner(e) == "root" ? AlertSeverity.High : AlertSeverity.Medium;

string Title(CloudTrailEvent e) => $"MFA device of {Owner(e)} deactivated by {e.ActorName} from {e.SourceIPAddress}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{Owner(e)}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    user = Owner(e),
    serialNumber = e.RequestParameter("serialNumber"),
});
