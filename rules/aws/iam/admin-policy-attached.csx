static readonly Regex AdministratorAccess = new(@"^arn:aws[a-z-]*:iam::aws:policy/AdministratorAccess$");

bool Rule(CloudTrailEvent e) =>
    e.IsSuccess
    && (e.EventName.StartsWith("Attach", StringComparison.Ordinal)
        ? AdministratorAccess.IsMatch(e.RequestParameter("policyArn") ?? "")
        : GrantsEverything(e.RequestParameter("policyDocument")));

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
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};

// True when an Allow statement has "*" among both its actions and its resources. Conditions are not
// weighed: a conditional grant of everything is still administrator access once the condition holds.
static bool GrantsEverything(string document)
{
    if (string.IsNullOrWhiteSpace(document))
    {
        return false;
    }

    JsonElement policy;
    try
    {
        // IAM documents are usually logged as JSON text; URL-encoded ones are decoded first.
        policy = JsonSerializer.Deserialize<JsonElement>(document.TrimStart().StartsWith('{') ? document : WebUtility.UrlDecode(document));
    }
    catch (JsonException)
    {
        return false;
    }

    return Items(policy, "Statement").Any(s =>
        Items(s, "Effect").Any(v => v.ToString() == "Allow")
        && Items(s, "Action").Any(a => a.ToString() is "*" or "*:*")
        && Items(s, "Resource").Any(r => r.ToString() == "*"));
}

// Policy elements hold either one value or an array of values.
static IEnumerable<JsonElement> Items(JsonElement obj, string name) =>
    obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value) ? []
    : value.ValueKind == JsonValueKind.Array ? value.EnumerateArray()
    : [value];
