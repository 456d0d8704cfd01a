bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// Replication destinations not known to be in this account. A destination names its bucket by ARN,
// which carries no account; only the optional Account element (required with owner override) says
// whose it is, so a destination without it could be anyone's bucket. S3 logs one Rule as an object
// and several as an array.
List<string> ForeignDestinations(CloudTrailEvent e) =>
    e.RequestParameterElement("ReplicationConfiguration.Rule").Values()
        .Where(rule => !string.Equals(rule.Get("Status"), "Disabled", StringComparison.OrdinalIgnoreCase))
        .Select(rule => rule.Element("Destination"))
        .Where(d => d is not null && d.Value.Get("Account") != e.RecipientAccountId)
        .Select(d => $"{Arn.Parse(d.Value.Get("Bucket"))?.Resource ?? d.Value.Get("Bucket") ?? "?"} (account {d.Value.Get("Account") ?? "not stated"})")
        .Distinct()
        .ToList();

// Enabled lifecycle rules that expire current object versions (Expiration with Days or Date): S3
// deletes the data itself, a way to destroy a bucket's contents without a single DeleteObject call.
// Expiring only noncurrent versions, delete markers or incomplete uploads is housekeeping.
List<string> ExpiringRules(CloudTrailEvent e) =>
    e.RequestParameterElement("LifecycleConfiguration.Rule").Values()
        .Where(rule => string.Equals(rule.Get("Status"), "Enabled", StringComparison.OrdinalIgnoreCase))
        .Where(rule => rule.Get("Expiration.Days") is not null || rule.Get("Expiration.Date") is not null)
        .Select(rule => $"{rule.Get("ID") ?? "(no id)"}: current versions expire {(rule.Get("Expiration.Days") is { } days ? $"after {days} days" : $"on {rule.Get("Expiration.Date")}")}"
                        + $"{((rule.Get("Filter.Prefix") ?? rule.Get("Prefix")) is { Length: > 0 } prefix ? $" under {prefix}" : "")}")
        .ToList();

AlertSeverity Severity(CloudTrailEvent e) =>
    e.EventName == "DeleteBucketPolicy" || ForeignDestinations(e).Count > 0 || ExpiringRules(e).Count > 0 ? AlertSeverity.Medium : AlertSeverity.Low;

string Title(CloudTrailEvent e) =>
    $"S3 {e.EventName} on bucket {e.RequestParameter("bucketName")}"
    + (ForeignDestinations(e) is { Count: > 0 } foreign ? $" replicating to {string.Join(", ", foreign)}" : "")
    + (ExpiringRules(e) is { Count: > 0 } expiring ? $" expiring current objects ({string.Join("; ", expiring)})" : "")
    + $" by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.RequestParameter("bucketName")}:{e.EventName}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    bucket = e.RequestParameter("bucketName"),
    action = e.EventName,
    replicationDestinations = ForeignDestinations(e),
    expiringRules = ExpiringRules(e),
    bucketPolicy = e.RequestParameterElement("bucketPolicy"),
});
