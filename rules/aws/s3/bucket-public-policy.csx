// S3 logs the policy as a JSON object; PolicyDocument also reads it as JSON text. A statement is
// public when it allows anyone without a condition that pins the caller to a network, source,
// account or principal (see PolicyCondition.RestrictingKeys).
PolicyDocument Policy(CloudTrailEvent e) => PolicyDocument.Parse(e.RequestParameterElement("bucketPolicy"));

static bool AllowsWrites(PolicyStatement statement) =>
    statement.Actions.Select(a => a.ToLowerInvariant())
        .Any(a => a is "*" or "s3:*" || a.StartsWith("s3:put") || a.StartsWith("s3:delete"));

bool Rule(CloudTrailEvent e) => e.IsSuccess && Policy(e).GrantsPublicAccess;

AlertSeverity Severity(CloudTrailEvent e) => Policy(e).PublicStatements.Any(AllowsWrites) ? AlertSeverity.Critical : AlertSeverity.High;

static string Describe(PolicyStatement s) =>
    $"{s.Sid ?? "(no Sid)"}: {string.Join(",", s.Actions)} on {string.Join(",", s.Resources)}";

string Title(CloudTrailEvent e) =>
    $"S3 bucket {e.RequestParameter("bucketName")} made public by bucket policy ({string.Join("; ", Policy(e).PublicStatements.Select(Describe))}) by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.RequestParameter("bucketName")}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    bucket = e.RequestParameter("bucketName"),
    publicStatements = Policy(e).PublicStatements.Select(Describe).ToList(),
    policy = Policy(e).Json,
});
