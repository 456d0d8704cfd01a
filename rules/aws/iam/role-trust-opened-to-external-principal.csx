// Condition keys that pin who may assume the role to known accounts or an organization.
static readonly HashSet<string> RestrictingKeys = new(StringComparer.OrdinalIgnoreCase)
{
    "aws:PrincipalOrgID", "aws:PrincipalAccount", "aws:PrincipalArn", "aws:PrincipalOrgPaths", "aws:SourceAccount", "aws:SourceOrgID", "aws:SourceArn",
};

static readonly Regex AccountInArn = new(@"^arn:aws[a-z-]*:(iam|sts)::(\d{12}):");

// Outside principals the trust policy admits: "*" (anyone, when no restricting condition applies)
// and the account ids of AWS principals in other accounts. Service and Federated principals are not
// outside identities, and principals of the role's own account are not outside.
List<string> ExternalPrincipals(CloudTrailEvent e)
{
    var found = new List<string>();
    if (Document(e.RequestParameter("policyDocument") ?? e.RequestParameter("assumeRolePolicyDocument")) is not { } policy)
    {
        return found;
    }

    foreach (var statement in Items(policy, "Statement").Where(s => Text(s, "Effect") == "Allow"))
    {
        var principal = Property(statement, "Principal");
        var aws = principal is { ValueKind: JsonValueKind.String } p ? [p] : Items(principal, "AWS");
        foreach (var value in aws.Select(a => a.ToString()))
        {
            if (value == "*")
            {
                if (!Restricted(statement))
                {
                    found.Add("*");
                }
            }
            else if ((Regex.IsMatch(value, @"^\d{12}$") ? value : AccountInArn.Match(value) is { Success: true } m ? m.Groups[2].Value : null) is { } account
                     && account != e.RecipientAccountId)
            {
                found.Add(account);
            }
        }
    }

    return found.Distinct().ToList();
}

static bool Restricted(JsonElement statement) =>
    Property(statement, "Condition") is { ValueKind: JsonValueKind.Object } condition
    && condition.EnumerateObject().Any(op =>
        !op.Name.Contains("Not", StringComparison.Ordinal) && !op.Name.EndsWith("IfExists", StringComparison.Ordinal)
        && op.Value.ValueKind == JsonValueKind.Object
        && op.Value.EnumerateObject().Any(key => RestrictingKeys.Contains(key.Name)));

bool Rule(CloudTrailEvent e) => e.IsSuccess && ExternalPrincipals(e).Count > 0;

string Severity(CloudTrailEvent e) => ExternalPrincipals(e).Contains("*") ? "critical" : "high";

string Who(CloudTrailEvent e) =>
    string.Join(", ", ExternalPrincipals(e).Select(p => p == "*" ? "anyone (*)" : $"account {p}"));

string Title(CloudTrailEvent e) => $"Role {e.RequestParameter("roleName")} now trusts {Who(e)} (changed by {e.ActorName})";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.RequestParameter("roleName")}";

object AlertContext(CloudTrailEvent e) => new
{
    role = e.RequestParameter("roleName"),
    externalPrincipals = ExternalPrincipals(e),
    trustPolicy = Document(e.RequestParameter("policyDocument")),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
};

// IAM logs documents as JSON text, sometimes URL-encoded.
static JsonElement? Document(string text)
{
    if (string.IsNullOrWhiteSpace(text))
    {
        return null;
    }

    try
    {
        return JsonSerializer.Deserialize<JsonElement>(text.TrimStart().StartsWith('{') ? text : WebUtility.UrlDecode(text));
    }
    catch (JsonException)
    {
        return null;
    }
}

static JsonElement? Property(JsonElement? obj, string name) =>
    obj is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) ? value : null;

static string Text(JsonElement obj, string name) => Property(obj, name)?.ToString();

// Policy elements hold either one value or an array of values.
static IEnumerable<JsonElement> Items(JsonElement? obj, string name) => Property(obj, name) switch
{
    null => [],
    { ValueKind: JsonValueKind.Array } array => array.EnumerateArray(),
    { } one => [one],
};
