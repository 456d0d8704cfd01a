// Policies and permissions name an AWS principal by account id (111122223333) or by the ARN of an IAM
// or STS principal (arn:aws:iam::111122223333:root, ...:role/deploy, arn:aws:sts::...:assumed-role/...).
// Rules that ask whether access reaches another account want the account either way.

static readonly Regex AccountId = new(@"^\d{12}$");

// The account a principal belongs to; null for service principals, "*" and anything else, including
// the IAM ARNs of AWS's own identities that carry a name where the account goes
// (arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHAPOMQZL).
static string AccountOf(string principal) =>
    AccountId.IsMatch(principal) ? principal
    : Arn.Parse(principal) is { Service: "iam" or "sts" } arn && arn.Account is { } account && AccountId.IsMatch(account) ? account
    : null;

// The accounts a list of AWS principals names, other than ownAccount and the knownAccounts a rule
// trusts on purpose; each once.
static List<string> OtherAccounts(IEnumerable<string> principals, string ownAccount, IEnumerable<string> knownAccounts) =>
    principals.Select(AccountOf)
        .Where(account => account is not null && account != ownAccount && !knownAccounts.Contains(account))
        .Distinct()
        .ToList();
