// Policies and permissions name an AWS principal by account id (111122223333) or by the ARN of an IAM
// or STS principal (arn:aws:iam::111122223333:root, ...:role/deploy, arn:aws:sts::...:assumed-role/...).
// Rules that ask whether access reaches another account want the account either way.

static readonly Regex AccountId = new(@"^\d{12}$");

// The account a principal belongs to; null for service principals, "*" and anything else.
static string AccountOf(string principal) =>
    AccountId.IsMatch(principal) ? principal : Arn.Parse(principal) is { Service: "iam" or "sts" } arn ? arn.Account : null;
