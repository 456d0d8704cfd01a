// Changes that take a guardrail away or an account out of central control.
static readonly IReadOnlySet<string> Weakening = new HashSet<string>([
    "DetachPolicy", "DeletePolicy", "DisablePolicyType", "RemoveAccountFromOrganization", "DeleteOrganization",
    "DisableAWSServiceAccess", "DeregisterDelegatedAdministrator", "CloseAccount",
]);

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

string Severity(CloudTrailEvent e) => Weakening.Contains(e.EventName) ? "medium" : "low";

// The first identifier the call names, most specific first.
string Subject(CloudTrailEvent e) =>
    new[] { "policyId", "accountId", "organizationalUnitId", "servicePrincipal", "policyType", "name", "handshakeId", "parentId", "targetId" }
        .Select(p => e.RequestParameter(p) is { } v ? $"{p} {v}" : null)
        .FirstOrDefault(v => v is not null) ?? "organization";

string Title(CloudTrailEvent e) =>
    $"Organizations {e.EventName} ({Subject(e)}{(e.RequestParameter("targetId") is { } t && !Subject(e).StartsWith("targetId") ? $" on {t}" : "")}) by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.EventName}:{Subject(e)}";

object AlertContext(CloudTrailEvent e) => new
{
    action = e.EventName,
    request = e.Element("requestParameters"),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
};
