static readonly IReadOnlyList<string> Settings = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"];

// Deleting the configuration turns all four settings off; PutBucketPublicAccessBlock replaces the
// whole configuration, so a setting left out of the request is off too.
List<string> SettingsOff(CloudTrailEvent e) => e.EventName == "DeleteBucketPublicAccessBlock"
    ? [.. Settings]
    : Settings.Where(s => !string.Equals(e.RequestParameter($"PublicAccessBlockConfiguration.{s}"), "true", StringComparison.OrdinalIgnoreCase)).ToList();

bool Rule(CloudTrailEvent e) => e.IsSuccess && SettingsOff(e).Count > 0;

// With every setting off, only the account-level configuration still stands between the bucket and
// a public ACL or policy.
string Severity(CloudTrailEvent e) => SettingsOff(e).Count == Settings.Count ? "high" : "medium";

string Title(CloudTrailEvent e) => e.EventName == "DeleteBucketPublicAccessBlock"
    ? $"S3 Block Public Access removed from bucket {e.RequestParameter("bucketName")} by {e.ActorName}"
    : $"S3 Block Public Access weakened on bucket {e.RequestParameter("bucketName")} ({string.Join(", ", SettingsOff(e))} off) by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.RequestParameter("bucketName")}";

object AlertContext(CloudTrailEvent e) => new
{
    bucket = e.RequestParameter("bucketName"),
    action = e.EventName,
    settingsOff = SettingsOff(e),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
