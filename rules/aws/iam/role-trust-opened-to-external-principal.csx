#load "../../_lib/deployments.csx"
#load "../../_lib/trust-policy.csx"

// Account ids you trust on purpose: your organization's other accounts, vendors you have onboarded.
// Principals in them are not outside. The knownAccounts parameter: empty as shipped; see the runbook.
static IReadOnlySet<string> KnownAccounts => Parameters.AccountIds("knownAccounts");

PolicyDocument TrustPolicy(CloudTrailEvent e) => PolicyDocument.Parse(e.RequestParameter("policyDocument"));

// Outside principals the trust policy admits, other than the role's own account and KnownAccounts.
ExternalTrust Trust(CloudTrailEvent e) => ExternalTrustOf(TrustPolicy(e), e.RecipientAccountId, KnownAccounts);

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall && Trust(e).Principals.Count > 0;

// Anyone at all is critical. Another account is high only once KnownAccounts lists the
// organisation's own: as shipped, trust between an organisation's accounts (audit roles,
// deployment roles) is everyday infrastructure and would make high meaningless. Then one step lower
// for the vendor pattern, and one more for a stack CloudFormation deploys for its caller; never below low.
AlertSeverity Severity(CloudTrailEvent e) =>
    (Trust(e).Anyone ? AlertSeverity.Critical : KnownAccounts.Count > 0 ? AlertSeverity.High : AlertSeverity.Medium)
        .LowerWhen(Trust(e).IsVendorPattern)
        .LowerWhen(ByCloudFormation(e))
        .AtLeast(AlertSeverity.Low);

string Title(CloudTrailEvent e) => $"Role {e.RequestParameter("roleName")} now trusts {Trust(e).Description} (changed by {e.ActorName})";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.RequestParameter("roleName")}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    role = e.RequestParameter("roleName"),
    externalPrincipals = Trust(e).Principals,
    requiresExternalId = Trust(e).RequiresExternalId,
    trustPolicy = TrustPolicy(e).Json,
});
