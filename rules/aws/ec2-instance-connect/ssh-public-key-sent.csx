bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

string Severity(CloudTrailEvent e) => e.RequestParameter("instanceOSUser") == "root" ? "medium" : "low";

string Title(CloudTrailEvent e) =>
    $"SSH key for {e.RequestParameter("instanceOSUser")}@{e.RequestParameter("instanceId")} pushed with EC2 Instance Connect by {e.ActorName} from {e.SourceIPAddress}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.UserIdentity.Arn}:{e.RequestParameter("instanceId")}";

object AlertContext(CloudTrailEvent e) => new
{
    instanceId = e.RequestParameter("instanceId"),
    osUser = e.RequestParameter("instanceOSUser"),
    publicKey = e.RequestParameter("sSHPublicKey"),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
