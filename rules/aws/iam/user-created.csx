bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

string Title(CloudTrailEvent e) => $"IAM user {e.RequestParameter("userName")} created by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.RequestParameter("userName")}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    newUser = e.ResponseElement("user.arn") ?? e.RequestParameter("userName"),
    path = e.RequestParameter("path"),
    permissionsBoundary = e.RequestParameter("permissionsBoundary"),
});
