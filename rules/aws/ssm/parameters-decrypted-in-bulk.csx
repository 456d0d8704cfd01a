// How many names in one GetParameters call make it bulk: the manyNames parameter.
static double ManyNames => Parameters.Number("manyNames");

List<string> Names(CloudTrailEvent e) =>
    e.Element("requestParameters.names") is { ValueKind: JsonValueKind.Array } names ? names.EnumerateArray().Select(n => n.ToString()).ToList() : [];

bool FromRoot(CloudTrailEvent e) =>
    e.EventName == "GetParametersByPath" && e.RequestParameter("path") == "/" && e.RequestParameter("recursive") == "true";

bool Rule(CloudTrailEvent e) =>
    e.IsSuccess
    && !e.IsAwsServiceCall
    && e.RequestParameter("withDecryption") == "true"
    && (Names(e).Count >= ManyNames || FromRoot(e));

// CloudFormation resolving {{resolve:ssm-secure:...}} references for a stack is routine: one step lower.
string Severity(CloudTrailEvent e) => e.InvokedByService == "cloudformation.amazonaws.com" ? "low" : "medium";

string Title(CloudTrailEvent e) => FromRoot(e)
    ? $"Every SecureString parameter under / decrypted by {e.ActorName}"
    : $"{Names(e).Count} SecureString parameters decrypted in one call by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.AwsRegion}:{e.UserIdentity.Arn}";

object AlertContext(CloudTrailEvent e) => new
{
    parameters = Names(e),
    path = e.RequestParameter("path"),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
