#load "principals.csx"

// Who an IAM role's trust policy (CreateRole's assumeRolePolicyDocument, UpdateAssumeRolePolicy's
// policyDocument) lets assume the role from outside the role's own account. The accounts a rule trusts
// on purpose, such as the organisation's other accounts and vetted vendors, are the rule's to name: they
// come in as knownAccounts.

record ExternalTrust(
    // "*" (anyone: a public principal or a NotPrincipal, with no condition that pins the caller's
    // account, organization or ARN) and the ids of other accounts named among the AWS principals.
    // Service and federated principals are not outside identities, and neither are principals of the
    // role's own account or of knownAccounts.
    IReadOnlyList<string> Principals,
    // Every statement that admits another account (known or not) requires sts:ExternalId, the shared
    // secret a SaaS vendor's onboarding sets up against the confused-deputy problem.
    bool RequiresExternalId)
{
    public bool Anyone => Principals.Contains("*");

    // Other accounts only, each held to an external id: what onboarding a vendor looks like.
    public bool IsVendorPattern => !Anyone && RequiresExternalId;

    // "account 111122223333, account 444455556666 with an external id", "anyone (*)", for titles.
    public string Description =>
        string.Join(", ", Principals.Select(p => p == "*" ? "anyone (*)" : $"account {p}"))
        + (IsVendorPattern ? " with an external id" : "");
}

static ExternalTrust ExternalTrustOf(PolicyDocument trustPolicy, string ownAccount, IEnumerable<string> knownAccounts)
{
    var found = new List<string>();
    foreach (var statement in trustPolicy.Statements.Where(s => s.IsAllow))
    {
        if (statement.GrantsPublicAccess)
        {
            found.Add("*");
        }

        foreach (var account in (statement.Principal?.Aws ?? []).Select(AccountOf))
        {
            if (account is not null && account != ownAccount && !knownAccounts.Contains(account))
            {
                found.Add(account);
            }
        }
    }

    var requiresExternalId = trustPolicy.Statements
        .Where(s => s.IsAllow && (s.Principal?.Aws ?? []).Select(AccountOf).Any(a => a is not null && a != ownAccount))
        .All(s => s.Conditions.Any(c => string.Equals(c.Key, "sts:ExternalId", StringComparison.OrdinalIgnoreCase)
                                        && !c.Operator.Contains("Not", StringComparison.Ordinal) && c.Operator != "Null"
                                        && c.Values.Count > 0));

    return new ExternalTrust(found.Distinct().ToList(), requiresExternalId);
}
