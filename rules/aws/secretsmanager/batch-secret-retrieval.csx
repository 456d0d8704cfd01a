#load "../../_lib/dedup-keys.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

List<string> Named(CloudTrailEvent e) =>
    e.RequestParameterElement("secretIdList") is { ValueKind: JsonValueKind.Array } ids ? ids.EnumerateArray().Select(i => i.ToString()).ToList() : [];

// "tag-key=team; name=prod" from the filters list.
string Filters(CloudTrailEvent e) =>
    e.RequestParameterElement("filters") is { ValueKind: JsonValueKind.Array } filters
        ? string.Join("; ", filters.EnumerateArray().Select(f =>
            $"{(f.TryGetProperty("key", out var k) ? k.ToString() : "?")}={(f.TryGetProperty("values", out var v) && v.ValueKind == JsonValueKind.Array ? string.Join(",", v.EnumerateArray()) : "")}"))
        : null;

string Title(CloudTrailEvent e) => Filters(e) is { } filters
    ? $"Secrets matching {filters} retrieved in bulk by {e.ActorName}"
    : $"{Named(e).Count} secrets retrieved in one call by {e.ActorName}";

string Dedup(CloudTrailEvent e) => RegionalKey(e, e.UserIdentity.Arn);

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    secretIds = Named(e),
    filters = Filters(e),
});
