// Account ids you trust on purpose: your organization's other accounts, vendors you have onboarded.
// Principals in them are not outside. The knownAccounts parameter: empty as shipped; see the runbook.
static IReadOnlySet<string> KnownAccounts => Parameters.AccountIds("knownAccounts");

static readonly Regex AccountId = new(@"^\d{12}$");

PolicyDocument TrustPolicy(CloudTrailEvent e) => PolicyDocument.Parse(e.RequestParameter("policyDocument"));

// The account an AWS principal belongs to: an account id, or the account of an IAM or STS ARN.
static string AccountOf(string principal) =>
    AccountId.IsMatch(principal) ? principal : Arn.Parse(principal) is { Service: "iam" or "sts" } arn ? arn.Account : null;

// Outside principals the trust policy admits: "*" (anyone: a public principal or a NotPrincipal,
// with no condition that pins the caller's account, organization or ARN) and the ids of other
// accounts named among the AWS principals. Service and federated principals are not outside
// identities, and neither are principals of the role's own account or of KnownAccounts.
List<string> ExternalPrincipals(CloudTrailEvent e)
{
    var found = new List<string>();
    foreach (var statement in TrustPolicy(e).Statements.Where(s => s.IsAllow))
    {
        if (statement.GrantsPublicAccess)
        {
            found.Add("*");
        }

        foreach (var account in (statement.Principal?.Aws ?? []).Select(AccountOf))
        {
            if (account is not null && account != e.RecipientAccountId && !KnownAccounts.Contains(account))
            {
                found.Add(account);
            }
        }
    }

    return found.Distinct().ToList();
}

// The vendor pattern: every statement that admits an outside account requires sts:ExternalId, the
// shared secret a SaaS vendor's onboarding sets up against the confused-deputy problem.
bool RequiresExternalId(CloudTrailEvent e) =>
    TrustPolicy(e).Statements
        .Where(s => s.IsAllow && (s.Principal?.Aws ?? []).Select(AccountOf).Any(a => a is not null && a != e.RecipientAccountId))
        .All(s => s.Conditions.Any(c => string.Equals(c.Key, "sts:ExternalId", StringComparison.OrdinalIgnoreCase)
                                        && !c.Operator.Contains("Not", StringComparison.Ordinal) && c.Operator != "Null"
                                        && c.Values.Count > 0));

static readonly IReadOnlyList<string> Ladder = ["info", "low", "medium", "high", "critical"];

// One step lower for the vendor pattern, and one more for a stack CloudFormation deploys for its caller.
string Severity(CloudTrailEvent e)
{
    // Anyone at all is critical. Another account is high only once KnownAccounts lists the
    // organisation's own: as shipped, trust between an organisation's accounts (audit roles,
    // deployment roles) is everyday infrastructure and would make high meaningless.
    var known = KnownAccounts.Count > 0;
    var level = Ladder.ToList().IndexOf(ExternalPrincipals(e).Contains("*") ? "critical" : known ? "high" : "medium");
    if (!ExternalPrincipals(e).Contains("*") && RequiresExternalId(e))
    {
        level--;
    }

    if (e.InvokedByService == "cloudformation.amazonaws.com")
    {
        level--;
    }

    return Ladder[Math.Max(level, 1)];
}

string Who(CloudTrailEvent e) =>
    string.Join(", ", ExternalPrincipals(e).Select(p => p == "*" ? "anyone (*)" : $"account {p}"))
    + (!ExternalPrincipals(e).Contains("*") && RequiresExternalId(e) ? " with an external id" : "");

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall && ExternalPrincipals(e).Count > 0;

string Title(CloudTrailEvent e) => $"Role {e.RequestParameter("roleName")} now trusts {Who(e)} (changed by {e.ActorName})";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.RequestParameter("roleName")}";

object AlertContext(CloudTrailEvent e) => new
{
    role = e.RequestParameter("roleName"),
    externalPrincipals = ExternalPrincipals(e),
    requiresExternalId = RequiresExternalId(e),
    trustPolicy = TrustPolicy(e).Json,
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
};
