bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

List<string> Named(CloudTrailEvent e) =>
    e.Element("requestParameters.secretIdList") is { ValueKind: JsonValueKind.Array } ids ? ids.EnumerateArray().Select(i => i.ToString()).ToList() : [];

// "tag-key=team; name=prod" from the filters list.
string Filters(CloudTrailEvent e) =>
    e.Element("requestParameters.filters") is { ValueKind: JsonValueKind.Array } filters
        ? string.Join("; ", filters.EnumerateArray().Select(f =>
            $"{(f.TryGetProperty("key", out var k) ? k.ToString() : "?")}={(f.TryGetProperty("values", out var v) && v.ValueKind == JsonValueKind.Array ? string.Join(",", v.EnumerateArray()) : "")}"))
        : null;

string Title(CloudTrailEvent e) => Filters(e) is { } filters
    ? $"Secrets matching {filters} retrieved in bulk by {e.ActorName}"
    : $"{Named(e).Count} secrets retrieved in one call by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.AwsRegion}:{e.UserIdentity.Arn}";

object AlertContext(CloudTrailEvent e) => new
{
    secretIds = Named(e),
    filters = Filters(e),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
