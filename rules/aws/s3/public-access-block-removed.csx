#load "../../_lib/s3-block-public-access.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess && BlockPublicAccessOff(e).Count > 0;

// With every setting off, only the account-level configuration still stands between the bucket and
// a public ACL or policy.
AlertSeverity Severity(CloudTrailEvent e) =>
    BlockPublicAccessOff(e).Count == BlockPublicAccessSettings.Count ? AlertSeverity.High : AlertSeverity.Medium;

string Title(CloudTrailEvent e) => e.EventName == "DeleteBucketPublicAccessBlock"
    ? $"S3 Block Public Access removed from bucket {e.RequestParameter("bucketName")} by {e.ActorName}"
    : $"S3 Block Public Access weakened on bucket {e.RequestParameter("bucketName")} ({string.Join(", ", BlockPublicAccessOff(e))} off) by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.RequestParameter("bucketName")}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    bucket = e.RequestParameter("bucketName"),
    action = e.EventName,
    settingsOff = BlockPublicAccessOff(e),
});
