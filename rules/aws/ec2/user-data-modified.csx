// The request carries userData (redacted) either as a value or as {"value": ...}; its presence is the change.
bool Rule(CloudTrailEvent e) =>
    e.IsSuccess && !e.IsAwsServiceCall
    && (e.Has("requestParameters.userData") || string.Equals(e.RequestParameter("attribute"), "userData", StringComparison.OrdinalIgnoreCase));

string Title(CloudTrailEvent e) => $"User data of {e.RequestParameter("instanceId")} replaced by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.RequestParameter("instanceId")}";

object AlertContext(CloudTrailEvent e) => new
{
    instanceId = e.RequestParameter("instanceId"),
    actor = e.UserIdentity.Arn,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
