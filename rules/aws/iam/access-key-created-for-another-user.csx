#load "../../_lib/iam-users.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess && NamesAnotherUser(e);

string Title(CloudTrailEvent e) =>
    $"Access key {e.ResponseElement("accessKey.accessKeyId")} created for IAM user {e.RequestParameter("userName")} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.RequestParameter("userName")}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    targetUser = e.RequestParameter("userName"),
    accessKeyId = e.ResponseElement("accessKey.accessKeyId"),
    actorType = e.UserIdentity.Type,
});
