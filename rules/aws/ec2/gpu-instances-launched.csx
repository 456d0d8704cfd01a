#load "../../_lib/deployments.csx"

// Accelerated computing families: GPU (p, g, gr), AWS Inferentia and Trainium, Gaudi (dl), FPGA (f), video (vt).
static readonly Regex Accelerated = new(@"^(p\d|g\d|gr\d|inf\d|trn\d|dl\d|f\d|vt\d)[a-z0-9-]*\.", RegexOptions.IgnoreCase);

// How many instances in one call alert whatever their type: the manyInstances parameter.
static double ManyInstances => Parameters.Number("manyInstances");

// How many instances each call asks for: RunInstances maxCount, RequestSpotInstances instanceCount,
// RequestSpotFleet targetCapacity, CreateFleet TotalTargetCapacity.
static readonly IReadOnlySet<string> CountFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "maxCount", "instanceCount", "targetCapacity", "totalTargetCapacity" };

static bool IsTemplate(CloudTrailEvent e) => e.EventName is "CreateLaunchTemplate" or "CreateLaunchTemplateVersion";

// The instance types a call names wherever its API puts them: instanceType (RunInstances, the
// response's instancesSet), launchSpecification(s) (spot requests), Overrides[].InstanceType and
// the fleet's instances (CreateFleet), LaunchTemplateData.InstanceType (launch templates).
List<string> Types(CloudTrailEvent e) =>
    Find(e.RequestParameters, "instanceType").Concat(Find(e.ResponseElements, "instanceType"))
        .Where(t => t.ValueKind == JsonValueKind.String)
        .Select(t => t.GetString())
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .ToList();

int Count(CloudTrailEvent e) =>
    CountFields.SelectMany(f => Find(e.RequestParameters, f))
        .Select(v => int.TryParse(v.ToString(), out var n) ? n : 0)
        .DefaultIfEmpty(1)
        .Max();

// Every object at any depth: tag lists sit at different depths in RunInstances and CreateFleet.
static IEnumerable<JsonElement> Objects(JsonElement? element)
{
    if (element is not { } value)
    {
        yield break;
    }

    if (value.ValueKind == JsonValueKind.Object)
    {
        yield return value;
    }

    var children = value.ValueKind switch
    {
        JsonValueKind.Object => value.EnumerateObject().Select(p => p.Value),
        JsonValueKind.Array => value.EnumerateArray(),
        _ => [],
    };
    foreach (var child in children)
    {
        foreach (var found in Objects(child))
        {
            yield return found;
        }
    }
}

// Every value of a property with this name (any case) at any depth.
static IEnumerable<JsonElement> Find(JsonElement? element, string name)
{
    if (element is not { } value)
    {
        yield break;
    }

    if (value.ValueKind == JsonValueKind.Object)
    {
        foreach (var property in value.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                yield return property.Value;
            }

            foreach (var found in Find(property.Value, name))
            {
                yield return found;
            }
        }
    }
    else if (value.ValueKind == JsonValueKind.Array)
    {
        foreach (var item in value.EnumerateArray())
        {
            foreach (var found in Find(item, name))
            {
                yield return found;
            }
        }
    }
}

// Auto Scaling launches a group's instances through its service-linked role, but someone chose the
// group's launch template or instance types: its accelerated launches alert, named by the group (the
// aws:autoscaling:groupName tag Auto Scaling puts on each launch). Other service-linked roles (Spot
// Fleet, EC2 Fleet) launch for a request that already alerted, and stay excluded.
static bool ByAutoScaling(CloudTrailEvent e) =>
    e.UserIdentity.InvokedBy == "autoscaling.amazonaws.com"
    || (e.UserIdentity.SessionIssuerUserName?.StartsWith("AWSServiceRoleForAutoScaling", StringComparison.Ordinal) ?? false);

string AutoScalingGroup(CloudTrailEvent e) =>
    Objects(e.RequestParameters).Concat(Objects(e.ResponseElements))
        .Where(tag => (tag.Get("key") ?? tag.Get("Key")) == "aws:autoscaling:groupName")
        .Select(tag => tag.Get("value") ?? tag.Get("Value"))
        .FirstOrDefault(name => name is not null);

string LaunchTemplate(CloudTrailEvent e) =>
    Find(e.RequestParameters, "launchTemplateId").Concat(Find(e.RequestParameters, "launchTemplateName"))
        .Select(t => t.ToString())
        .FirstOrDefault();

// Denied and quota-exceeded attempts count: miners try type after type and region after region. An
// Auto Scaling group alerts on accelerated types only: a large group scaling out is its job.
bool Rule(CloudTrailEvent e) =>
    ByAutoScaling(e)
        ? Types(e).Any(Accelerated.IsMatch)
        : !e.IsAwsServiceCall && (Types(e).Any(Accelerated.IsMatch) || (!IsTemplate(e) && Count(e) >= ManyInstances));

// A launch template only prepares a launch; CloudFormation deploying a stack's fleet is routine.
AlertSeverity Severity(CloudTrailEvent e) => AlertSeverity.Medium.LowerWhen(IsTemplate(e) || ByCloudFormation(e));

string What(CloudTrailEvent e) => string.Join("/", Types(e).DefaultIfEmpty("(types from a launch template)"));

string Title(CloudTrailEvent e) =>
    ByAutoScaling(e) ? $"{(e.IsSuccess ? "" : $"Denied ({e.ErrorCode}): ")}Auto Scaling group {AutoScalingGroup(e) ?? "(not named in the record)"} launching {What(e)} instances ({e.EventName}{(LaunchTemplate(e) is { } template ? $", launch template {template}" : "")}) in {e.AwsRegion}"
    : IsTemplate(e)
    ? $"{(e.IsSuccess ? "Launch template" : $"Denied launch template ({e.ErrorCode})")} for {What(e)} instances ({e.EventName}) in {e.AwsRegion} by {e.ActorName}"
    : $"{(e.IsSuccess ? "Launch" : $"Denied launch ({e.ErrorCode})")} of up to {Count(e)} {What(e)} instances ({e.EventName}) in {e.AwsRegion} by {e.ActorName}";

// One alert per person or pipeline, and per Auto Scaling group (whose launches all come from the same
// service-linked role session).
string Dedup(CloudTrailEvent e) =>
    ByAutoScaling(e) ? $"{e.RecipientAccountId}:{e.AwsRegion}:autoscaling:{AutoScalingGroup(e)}" : $"{e.RecipientAccountId}:{e.UserIdentity.Arn}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    action = e.EventName,
    instanceTypes = Types(e),
    requestedCount = Count(e),
    imageId = e.RequestParameter("instancesSet.items.0.imageId") ?? Find(e.RequestParameters, "imageId").Select(i => i.ToString()).FirstOrDefault(),
    launched = Find(e.ResponseElements, "instanceId").Select(i => i.ToString()).Distinct().ToList(),
    autoScalingGroup = ByAutoScaling(e) ? AutoScalingGroup(e) : null,
    launchTemplate = LaunchTemplate(e),
    succeeded = e.IsSuccess,
    error = e.ErrorCode,
});
