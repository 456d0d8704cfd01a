// Without userName, CreateAccessKey makes a key for the caller itself. Role sessions and root have no
// IAM user name of their own, so any userName they pass names someone else. IAM user names are
// case-insensitive.
bool Rule(CloudTrailEvent e) =>
    e.IsSuccess
    && e.RequestParameter("userName") is { } target
    && !string.Equals(target, e.UserIdentity.UserName, StringComparison.OrdinalIgnoreCase);

string Title(CloudTrailEvent e) =>
    $"Access key {e.ResponseElement("accessKey.accessKeyId")} created for IAM user {e.RequestParameter("userName")} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.RequestParameter("userName")}";

object AlertContext(CloudTrailEvent e) => new
{
    targetUser = e.RequestParameter("userName"),
    accessKeyId = e.ResponseElement("accessKey.accessKeyId"),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    actorType = e.UserIdentity.Type,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
