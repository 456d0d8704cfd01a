#load "../../_lib/request-fields.csx"

// Changes that take a guardrail away or an account out of central control.
static readonly IReadOnlySet<string> Weakening = new HashSet<string>([
    "DetachPolicy", "DeletePolicy", "DisablePolicyType", "RemoveAccountFromOrganization", "DeleteOrganization",
    "DisableAWSServiceAccess", "DeregisterDelegatedAdministrator", "CloseAccount",
]);

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

AlertSeverity Severity(CloudTrailEvent e) => Weakening.Contains(e.EventName) ? AlertSeverity.Medium : AlertSeverity.Low;

// The first identifier the call names, most specific first.
string Subject(CloudTrailEvent e) =>
    new[] { "policyId", "accountId", "organizationalUnitId", "servicePrincipal", "policyType", "name", "handshakeId", "parentId", "targetId" }
        .Select(p => e.RequestParameter(p) is { } v ? $"{p} {v}" : null)
        .FirstOrDefault(v => v is not null) ?? "organization";

string Title(CloudTrailEvent e) =>
    $"Organizations {e.EventName} ({Subject(e)}{(e.RequestParameter("targetId") is { } t && !Subject(e).StartsWith("targetId") ? $" on {t}" : "")}) by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.EventName}:{Subject(e)}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    action = e.EventName,
    request = RequestFields(e,
        "policyId", "targetId", "accountId", "organizationalUnitId", "parentId", "sourceParentId", "destinationParentId",
        "name", "type", "policyType", "description", "content", "servicePrincipal", "handshakeId", "email", "accountName",
        "roleName", "feature"),
});
