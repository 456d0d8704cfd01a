bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

string Title(CloudTrailEvent e) =>
    $"Serial console SSH key for {e.RequestParameter("instanceId")} (port {e.RequestParameter("serialPort") ?? "0"}) pushed by {e.ActorName} from {e.SourceIPAddress}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.UserIdentity.Arn}:{e.RequestParameter("instanceId")}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    instanceId = e.RequestParameter("instanceId"),
    serialPort = e.RequestParameter("serialPort"),
    publicKey = e.RequestParameter("sSHPublicKey"),
});
