bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// Replication destinations in other accounts; S3 logs one Rule as an object and several as an array.
List<string> ForeignDestinations(CloudTrailEvent e)
{
    var rules = e.Element("requestParameters.ReplicationConfiguration.Rule") switch
    {
        { ValueKind: JsonValueKind.Array } list => list.EnumerateArray().ToList(),
        { ValueKind: JsonValueKind.Object } one => [one],
        _ => [],
    };

    return rules
        .Select(r => r.TryGetProperty("Destination", out var d) && d.ValueKind == JsonValueKind.Object ? d : default)
        .Where(d => d.ValueKind == JsonValueKind.Object && d.TryGetProperty("Account", out var a) && a.ToString() != e.RecipientAccountId)
        .Select(d => $"{(d.TryGetProperty("Bucket", out var b) ? b.ToString() : "?")} (account {d.GetProperty("Account")})")
        .ToList();
}

string Severity(CloudTrailEvent e) =>
    e.EventName == "DeleteBucketPolicy" || ForeignDestinations(e).Count > 0 ? "medium" : "low";

string Title(CloudTrailEvent e) =>
    $"S3 {e.EventName} on bucket {e.RequestParameter("bucketName")}"
    + (ForeignDestinations(e) is { Count: > 0 } foreign ? $" replicating to {string.Join(", ", foreign)}" : "")
    + $" by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.RequestParameter("bucketName")}:{e.EventName}";

object AlertContext(CloudTrailEvent e) => new
{
    bucket = e.RequestParameter("bucketName"),
    action = e.EventName,
    replicationDestinations = ForeignDestinations(e),
    bucketPolicy = e.Element("requestParameters.bucketPolicy"),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
