// Accelerated computing families: GPU (p, g, gr), AWS Inferentia and Trainium, Gaudi (dl), FPGA (f), video (vt).
static readonly Regex Accelerated = new(@"^(p\d|g\d|gr\d|inf\d|trn\d|dl\d|f\d|vt\d)[a-z0-9-]*\.", RegexOptions.IgnoreCase);

const int ManyInstances = 20;

List<string> Types(CloudTrailEvent e)
{
    var types = new List<string>();
    if (e.RequestParameter("instanceType") is { } requested)
    {
        types.Add(requested);
    }

    if (e.Element("responseElements.instancesSet.items") is { ValueKind: JsonValueKind.Array } items)
    {
        types.AddRange(items.EnumerateArray()
            .Select(i => i.TryGetProperty("instanceType", out var t) ? t.GetString() : null)
            .Where(t => t is not null));
    }

    return types.Distinct().ToList();
}

int MaxCount(CloudTrailEvent e) => int.TryParse(e.RequestParameter("instancesSet.items.0.maxCount"), out var n) ? n : 1;

// Denied and quota-exceeded attempts count: miners try type after type and region after region.
bool Rule(CloudTrailEvent e) =>
    !e.IsAwsServiceCall && (Types(e).Any(Accelerated.IsMatch) || MaxCount(e) >= ManyInstances);

// CloudFormation deploying or tearing down a stack for its caller makes this routine: one step lower.
string Severity(CloudTrailEvent e) => e.InvokedByService == "cloudformation.amazonaws.com" ? "low" : "medium";

string Title(CloudTrailEvent e) =>
    $"{(e.IsSuccess ? "Launch" : $"Denied launch ({e.ErrorCode})")} of up to {MaxCount(e)} {string.Join("/", Types(e).DefaultIfEmpty("(launch template)"))} instances in {e.AwsRegion} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.UserIdentity.Arn}";

object AlertContext(CloudTrailEvent e) => new
{
    instanceTypes = Types(e),
    maxCount = MaxCount(e),
    imageId = e.RequestParameter("instancesSet.items.0.imageId"),
    launched = e.Element("responseElements.instancesSet.items") is { ValueKind: JsonValueKind.Array } items
        ? items.EnumerateArray().Select(i => i.TryGetProperty("instanceId", out var id) ? id.GetString() : null).ToList()
        : [],
    succeeded = e.IsSuccess,
    error = e.ErrorCode,
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
