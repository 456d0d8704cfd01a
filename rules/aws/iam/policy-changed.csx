bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

string Target(CloudTrailEvent e) =>
    e.RequestParameter("userName") is { } user ? $"user/{user}"
    : e.RequestParameter("roleName") is { } role ? $"role/{role}"
    : e.RequestParameter("groupName") is { } group ? $"group/{group}"
    : null;

string Policy(CloudTrailEvent e) =>
    e.RequestParameter("policyArn") ?? e.ResponseElement("policy.arn")
    ?? (e.RequestParameter("policyName") is { } name ? $"inline:{name}" : "?");

string Title(CloudTrailEvent e) =>
    $"IAM {e.EventName} {Policy(e)}{(e.RequestParameter("versionId") is { } v ? $" ({v})" : "")}{(Target(e) is { } t ? $" on {t}" : "")} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{Target(e) ?? Policy(e)}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    action = e.EventName,
    policy = Policy(e),
    target = Target(e),
    versionId = e.RequestParameter("versionId") ?? e.ResponseElement("policyVersion.versionId"),
    policyDocument = e.RequestParameter("policyDocument"),
});
