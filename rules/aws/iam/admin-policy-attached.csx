bool Rule(CloudTrailEvent e) =>
    e.IsSuccess
    && (e.EventName.StartsWith("Attach", StringComparison.Ordinal)
        ? Arn.Parse(e.RequestParameter("policyArn")) is { IsAwsManagedPolicy: true, Resource: "policy/AdministratorAccess" }
        : PolicyDocument.Parse(e.RequestParameter("policyDocument")).GrantsFullAdmin);

string Target(CloudTrailEvent e) =>
    e.RequestParameter("userName") is { } user ? $"user/{user}"
    : e.RequestParameter("roleName") is { } role ? $"role/{role}"
    : $"group/{e.RequestParameter("groupName")}";

string Policy(CloudTrailEvent e) => e.RequestParameter("policyArn") ?? $"inline:{e.RequestParameter("policyName")}";

string Title(CloudTrailEvent e) => e.RequestParameter("policyArn") is not null
    ? $"AdministratorAccess attached to {Target(e)} by {e.ActorName}"
    : $"Inline policy {e.RequestParameter("policyName")} granting all actions on all resources put on {Target(e)} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{Target(e)}";

object AlertContext(CloudTrailEvent e) => new
{
    target = Target(e),
    policy = Policy(e),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
