// Condition keys that pin who may use a statement to a fixed network, source, account or principal.
// A statement conditioned on one of them is not public (the same keys Block Public Access accepts).
static readonly HashSet<string> RestrictingKeys = new(StringComparer.OrdinalIgnoreCase)
{
    "aws:SourceIp", "aws:SourceVpc", "aws:SourceVpce", "aws:SourceArn", "aws:SourceOwner", "aws:SourceAccount",
    "aws:SourceOrgID", "aws:PrincipalOrgID", "aws:PrincipalAccount", "aws:PrincipalArn", "aws:userid",
    "s3:x-amz-server-side-encryption-aws-kms-key-id",
};

JsonElement? Policy(CloudTrailEvent e)
{
    // S3 logs the policy as a JSON object; accept it as JSON text too.
    var policy = e.Element("requestParameters.bucketPolicy");
    if (policy is { ValueKind: JsonValueKind.String } text)
    {
        try { return JsonSerializer.Deserialize<JsonElement>(text.GetString()); }
        catch (JsonException) { return null; }
    }

    return policy;
}

List<JsonElement> PublicStatements(CloudTrailEvent e) =>
    Policy(e) is { } policy
        ? Items(policy, "Statement").Where(s => Text(s, "Effect") == "Allow" && AnyonePrincipal(s) && !Restricted(s)).ToList()
        : [];

static bool AnyonePrincipal(JsonElement statement) =>
    Items(statement, "Principal").Any(p => p.ValueKind == JsonValueKind.String
        ? p.GetString() == "*"
        : Items(p, "AWS").Any(a => a.ToString() == "*"));

// Negated operators (StringNotEquals, NotIpAddress), ...IfExists (true when the key is absent), Null,
// wildcard values and an all-addresses CIDR do not narrow who can call.
static bool Restricted(JsonElement statement) =>
    Property(statement, "Condition") is { ValueKind: JsonValueKind.Object } condition
    && condition.EnumerateObject().Any(op =>
        !op.Name.Contains("Not", StringComparison.Ordinal) && !op.Name.EndsWith("IfExists", StringComparison.Ordinal) && op.Name != "Null"
        && op.Value.ValueKind == JsonValueKind.Object
        && op.Value.EnumerateObject().Any(key =>
            RestrictingKeys.Contains(key.Name)
            && !Items(op.Value, key.Name).Any(v => v.ToString() is "*" or "0.0.0.0/0" or "::/0")));

static bool AllowsWrites(JsonElement statement) =>
    Items(statement, "Action").Select(a => a.ToString().ToLowerInvariant())
        .Any(a => a is "*" or "s3:*" || a.StartsWith("s3:put") || a.StartsWith("s3:delete"));

bool Rule(CloudTrailEvent e) => e.IsSuccess && PublicStatements(e).Count > 0;

string Severity(CloudTrailEvent e) => PublicStatements(e).Any(AllowsWrites) ? "critical" : "high";

static string Describe(JsonElement s) =>
    $"{Text(s, "Sid") ?? "(no Sid)"}: {string.Join(",", Items(s, "Action"))} on {string.Join(",", Items(s, "Resource"))}";

string Title(CloudTrailEvent e) =>
    $"S3 bucket {e.RequestParameter("bucketName")} made public by bucket policy ({string.Join("; ", PublicStatements(e).Select(Describe))}) by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.RequestParameter("bucketName")}";

object AlertContext(CloudTrailEvent e) => new
{
    bucket = e.RequestParameter("bucketName"),
    publicStatements = PublicStatements(e).Select(Describe).ToList(),
    policy = Policy(e),
    actor = e.UserIdentity.Arn,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};

static JsonElement? Property(JsonElement obj, string name) =>
    obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) ? value : null;

static string Text(JsonElement obj, string name) => Property(obj, name)?.ToString();

// Policy elements hold either one value or an array of values.
static IEnumerable<JsonElement> Items(JsonElement obj, string name) => Property(obj, name) switch
{
    null => [],
    { ValueKind: JsonValueKind.Array } array => array.EnumerateArray(),
    { } one => [one],
};
