#load "../../_lib/arns.csx"
#load "../../_lib/deployments.csx"

// Attach* names a policy by ARN: only AWS's AdministratorAccess is known to grant everything. Put*,
// CreatePolicy and CreatePolicyVersion carry the document itself (URL-encoded JSON text).
bool GrantsAdmin(CloudTrailEvent e) =>
    e.EventName.StartsWith("Attach", StringComparison.Ordinal)
        ? Arn.Parse(e.RequestParameter("policyArn")) is { IsAwsManagedPolicy: true, Resource: "policy/AdministratorAccess" }
        : PolicyDocument.Parse(e.RequestParameter("policyDocument")).GrantsFullAdmin;

// Identity Center provisioning a permission set (AWSServiceRoleForSSO attaching AdministratorAccess
// to an AWSReservedSSO_ role) and other service-linked roles are AWS acting itself.
bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall && GrantsAdmin(e);

// A managed policy that is not in force yet: created, or given a version that is not the default.
bool Dormant(CloudTrailEvent e) =>
    e.EventName == "CreatePolicy" || (e.EventName == "CreatePolicyVersion" && e.RequestParameter("setAsDefault") != "true");

// CloudFormation deploying a stack's roles (Control Tower's execution role among them) is routine:
// one step lower.
AlertSeverity Severity(CloudTrailEvent e) => AlertSeverity.High.LowerWhen(Dormant(e) || ByCloudFormation(e));

bool IsManagedPolicyChange(CloudTrailEvent e) => e.EventName is "CreatePolicy" or "CreatePolicyVersion";

string ManagedPolicy(CloudTrailEvent e) =>
    e.RequestParameter("policyArn") ?? e.ResponseElement("policy.arn") ?? e.RequestParameter("policyName");

string Target(CloudTrailEvent e) =>
    IsManagedPolicyChange(e) ? $"policy/{NameFromArn(ManagedPolicy(e))}"
    : e.RequestParameter("userName") is { } user ? $"user/{user}"
    : e.RequestParameter("roleName") is { } role ? $"role/{role}"
    : $"group/{e.RequestParameter("groupName")}";

string Policy(CloudTrailEvent e) =>
    e.RequestParameter("policyArn") ?? (IsManagedPolicyChange(e) ? ManagedPolicy(e) : $"inline:{e.RequestParameter("policyName")}");

string Title(CloudTrailEvent e) => e.EventName switch
{
    "CreatePolicy" => $"Managed policy {ManagedPolicy(e)} granting all actions on all resources created by {e.ActorName}",
    "CreatePolicyVersion" when !Dormant(e) =>
        $"Managed policy {ManagedPolicy(e)} now grants all actions on all resources (new default version) by {e.ActorName}",
    "CreatePolicyVersion" => $"Managed policy {ManagedPolicy(e)} given a version granting all actions on all resources (not default) by {e.ActorName}",
    _ when e.RequestParameter("policyArn") is not null => $"AdministratorAccess attached to {Target(e)} by {e.ActorName}",
    _ => $"Inline policy {e.RequestParameter("policyName")} granting all actions on all resources put on {Target(e)} by {e.ActorName}",
};

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{Target(e)}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    action = e.EventName,
    target = Target(e),
    policy = Policy(e),
    setAsDefault = e.EventName == "CreatePolicyVersion" ? e.RequestParameter("setAsDefault") ?? "false" : null,
});
