bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

AlertSeverity Severity(CloudTrailEvent e) => e.RequestParameter("instanceOSUser") == "root" ? AlertSeverity.Medium : AlertSeverity.Low;

string Title(CloudTrailEvent e) =>
    $"SSH key for {e.RequestParameter("instanceOSUser")}@{e.RequestParameter("instanceId")} pushed with EC2 Instance Connect by {e.ActorName} from {e.SourceIPAddress}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.UserIdentity.Arn}:{e.RequestParameter("instanceId")}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    instanceId = e.RequestParameter("instanceId"),
    osUser = e.RequestParameter("instanceOSUser"),
    publicKey = e.RequestParameter("sSHPublicKey"),
});
