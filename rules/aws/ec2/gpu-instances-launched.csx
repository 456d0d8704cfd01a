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

// Denied and quota-exceeded attempts count: miners try type after type and region after region.
bool Rule(CloudTrailEvent e) =>
    !e.IsAwsServiceCall && (Types(e).Any(Accelerated.IsMatch) || (!IsTemplate(e) && Count(e) >= ManyInstances));

// A launch template only prepares a launch; CloudFormation deploying a stack's fleet is routine.
AlertSeverity Severity(CloudTrailEvent e) => AlertSeverity.Medium.LowerWhen(IsTemplate(e) || ByCloudFormation(e));

string What(CloudTrailEvent e) => string.Join("/", Types(e).DefaultIfEmpty("(types from a launch template)"));

string Title(CloudTrailEvent e) => IsTemplate(e)
    ? $"{(e.IsSuccess ? "Launch template" : $"Denied launch template ({e.ErrorCode})")} for {What(e)} instances ({e.EventName}) in {e.AwsRegion} by {e.ActorName}"
    : $"{(e.IsSuccess ? "Launch" : $"Denied launch ({e.ErrorCode})")} of up to {Count(e)} {What(e)} instances ({e.EventName}) in {e.AwsRegion} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.UserIdentity.Arn}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    action = e.EventName,
    instanceTypes = Types(e),
    requestedCount = Count(e),
    imageId = e.RequestParameter("instancesSet.items.0.imageId") ?? Find(e.RequestParameters, "imageId").Select(i => i.ToString()).FirstOrDefault(),
    launched = Find(e.ResponseElements, "instanceId").Select(i => i.ToString()).Distinct().ToList(),
    succeeded = e.IsSuccess,
    error = e.ErrorCode,
});
