static readonly IReadOnlyList<string> Settings = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"];

// Deleting the account's configuration turns all four settings off for every bucket; the Put call
// replaces the whole configuration, so a setting left out of the request is off too.
List<string> SettingsOff(CloudTrailEvent e) => e.EventName == "DeleteAccountPublicAccessBlock"
    ? [.. Settings]
    : Settings.Where(s => !string.Equals(e.RequestParameter($"PublicAccessBlockConfiguration.{s}"), "true", StringComparison.OrdinalIgnoreCase)).ToList();

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall && SettingsOff(e).Count > 0;

// With every setting off, only each bucket's own configuration still stands between the account's
// buckets and a public ACL or policy. CloudFormation deploying a stack's setting: one step lower.
string Severity(CloudTrailEvent e)
{
    var all = SettingsOff(e).Count == Settings.Count;
    return e.InvokedByService == "cloudformation.amazonaws.com" ? (all ? "medium" : "low") : (all ? "high" : "medium");
}

string Title(CloudTrailEvent e) => e.EventName == "DeleteAccountPublicAccessBlock"
    ? $"S3 Block Public Access removed for the whole account {e.RecipientAccountId} by {e.ActorName}"
    : $"S3 Block Public Access weakened for the whole account {e.RecipientAccountId} ({string.Join(", ", SettingsOff(e))} off) by {e.ActorName}";

// One configuration per account.
string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}";

object AlertContext(CloudTrailEvent e) => new
{
    account = e.RecipientAccountId,
    action = e.EventName,
    settingsOff = SettingsOff(e),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
