// IAM user names are case-insensitive; role sessions and root have no user name, so any target is another user.
bool Rule(CloudTrailEvent e) =>
    e.IsSuccess
    && !e.IsAwsServiceCall
    && e.RequestParameter("userName") is { } target
    && !string.Equals(target, e.UserIdentity.UserName, StringComparison.OrdinalIgnoreCase);

// CloudFormation deploying or tearing down a stack for its caller makes this routine: one step lower.
string Severity(CloudTrailEvent e) => e.InvokedByService == "cloudformation.amazonaws.com" ? "low" : "medium";

bool ResetRequired(CloudTrailEvent e) => e.RequestParameter("passwordResetRequired") == "true";

string Title(CloudTrailEvent e) =>
    $"Console password of IAM user {e.RequestParameter("userName")} changed by {e.ActorName}{(ResetRequired(e) ? "" : " (no reset required: the caller now holds a working password)")}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.RequestParameter("userName")}";

object AlertContext(CloudTrailEvent e) => new
{
    targetUser = e.RequestParameter("userName"),
    passwordResetRequired = ResetRequired(e),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    actorType = e.UserIdentity.Type,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
};
