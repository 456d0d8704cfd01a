bool Rule(CloudTrailEvent e) => e.IsSuccess;

string Title(CloudTrailEvent e) =>
    $"CloudTrail trail {e.RequestParameter("name")} stopped by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.RequestParameter("name")}";

object AlertContext(CloudTrailEvent e) => new
{
    trail = e.RequestParameter("name"),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    region = e.AwsRegion,
};
