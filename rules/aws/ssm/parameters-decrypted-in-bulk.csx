#load "../../_lib/dedup-keys.csx"
#load "../../_lib/deployments.csx"

// How many names in one GetParameters call make it bulk: the manyNames parameter.
static double ManyNames => Parameters.Number("manyNames");

List<string> Names(CloudTrailEvent e) =>
    e.RequestParameterElement("names") is { ValueKind: JsonValueKind.Array } names ? names.EnumerateArray().Select(n => n.ToString()).ToList() : [];

bool FromRoot(CloudTrailEvent e) =>
    e.EventName == "GetParametersByPath" && e.RequestParameter("path") == "/" && e.RequestParameter("recursive") == "true";

bool Rule(CloudTrailEvent e) =>
    e.IsSuccess
    && !e.IsAwsServiceCall
    && e.RequestParameter("withDecryption") == "true"
    && (Names(e).Count >= ManyNames || FromRoot(e));

// CloudFormation resolving {{resolve:ssm-secure:...}} references for a stack is routine: one step lower.
AlertSeverity Severity(CloudTrailEvent e) => AlertSeverity.Medium.LowerWhen(ByCloudFormation(e));

string Title(CloudTrailEvent e) => FromRoot(e)
    ? $"Every SecureString parameter under / decrypted by {e.ActorName}"
    : $"{Names(e).Count} SecureString parameters decrypted in one call by {e.ActorName}";

string Dedup(CloudTrailEvent e) => RegionalKey(e, e.UserIdentity.Arn);

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    parameters = Names(e),
    path = e.RequestParameter("path"),
});
