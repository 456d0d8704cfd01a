#load "../../_lib/dedup-keys.csx"
#load "../../_lib/deployments.csx"
#load "../../_lib/lambda.csx"

static readonly Regex LayerAccount = new(@"^arn:aws[a-z-]*:lambda:[^:]*:(\d{12}):layer:");

List<string> Layers(CloudTrailEvent e) =>
    e.RequestParameterElement("layers") is { ValueKind: JsonValueKind.Array } layers ? layers.EnumerateArray().Select(l => l.ToString()).ToList() : [];

List<string> ForeignLayers(CloudTrailEvent e) =>
    Layers(e).Where(l => LayerAccount.Match(l) is { Success: true } m && m.Groups[1].Value != e.RecipientAccountId).ToList();

// An empty list removes all layers, which is not an addition.
bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall && Layers(e).Count > 0;

// A stack deploying a layer from another account (CloudFormation) is routine: one step lower.
AlertSeverity Severity(CloudTrailEvent e) => ForeignLayers(e).Count > 0 && !ByCloudFormation(e) ? AlertSeverity.Medium : AlertSeverity.Low;

string Function(CloudTrailEvent e) => e.ResponseElement("functionName") ?? FunctionName(e.RequestParameter("functionName"));

static string LayerName(string arn) => arn.Contains(":layer:") ? arn[(arn.IndexOf(":layer:") + 7)..] : arn;

string Title(CloudTrailEvent e) =>
    $"Lambda function {Function(e)} layers set to {string.Join(", ", Layers(e).Select(LayerName))}"
    + $"{(ForeignLayers(e).Count > 0 ? " (from another account)" : "")} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => RegionalKey(e, Function(e));

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    function = Function(e),
    layers = Layers(e),
    foreignLayers = ForeignLayers(e),
    executionRole = e.ResponseElement("role"),
});
