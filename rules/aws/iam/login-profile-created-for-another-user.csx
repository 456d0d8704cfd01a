#load "../../_lib/deployments.csx"
#load "../../_lib/iam-users.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall && NamesAnotherUser(e);

// CloudFormation deploying or tearing down a stack for its caller makes this routine: one step lower.
AlertSeverity Severity(CloudTrailEvent e) => AlertSeverity.Medium.LowerWhen(ByCloudFormation(e));

bool ResetRequired(CloudTrailEvent e) => e.RequestParameter("passwordResetRequired") == "true";

string Title(CloudTrailEvent e) =>
    $"Console password created for IAM user {e.RequestParameter("userName")} by {e.ActorName}{(ResetRequired(e) ? "" : " (no reset required: the caller knows the password)")}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.RequestParameter("userName")}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    targetUser = e.RequestParameter("userName"),
    passwordResetRequired = ResetRequired(e),
    actorType = e.UserIdentity.Type,
});
