#load "../../_lib/deployments.csx"
#load "../../_lib/s3-block-public-access.csx"

// Deleting the account's configuration turns all four settings off for every bucket.
bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall && BlockPublicAccessOff(e).Count > 0;

// With every setting off, only each bucket's own configuration still stands between the account's
// buckets and a public ACL or policy. CloudFormation deploying a stack's setting: one step lower.
AlertSeverity Severity(CloudTrailEvent e) =>
    (BlockPublicAccessOff(e).Count == BlockPublicAccessSettings.Count ? AlertSeverity.High : AlertSeverity.Medium)
        .LowerWhen(ByCloudFormation(e));

string Title(CloudTrailEvent e) => e.EventName == "DeleteAccountPublicAccessBlock"
    ? $"S3 Block Public Access removed for the whole account {e.RecipientAccountId} by {e.ActorName}"
    : $"S3 Block Public Access weakened for the whole account {e.RecipientAccountId} ({string.Join(", ", BlockPublicAccessOff(e))} off) by {e.ActorName}";

// One configuration per account.
string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    account = e.RecipientAccountId,
    action = e.EventName,
    settingsOff = BlockPublicAccessOff(e),
});
