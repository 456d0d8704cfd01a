#load "../../_lib/arns.csx"

// UpdateTrail removes SSE-KMS when kmsKeyId is present and empty; an omitted kmsKeyId changes nothing.
bool Rule(CloudTrailEvent e) =>
    e.IsSuccess && e.RequestParameters.Has("kmsKeyId") && string.IsNullOrWhiteSpace(e.RequestParameter("kmsKeyId"));

string Trail(CloudTrailEvent e) => NameFromArn(e.RequestParameter("name"));

string Title(CloudTrailEvent e) => $"KMS encryption removed from CloudTrail trail {Trail(e)} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{Trail(e)}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    trail = Trail(e),
    trailArn = e.ResponseElement("trailARN"),
    logBucket = e.ResponseElement("s3BucketName"),
});
