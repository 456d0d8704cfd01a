// UpdateTrail removes SSE-KMS when kmsKeyId is present and empty; an omitted kmsKeyId changes nothing.
bool Rule(CloudTrailEvent e) =>
    e.IsSuccess && e.Has("requestParameters.kmsKeyId") && string.IsNullOrWhiteSpace(e.RequestParameter("kmsKeyId"));

string Trail(CloudTrailEvent e) =>
    e.RequestParameter("name") is { } name && name.Contains(":trail/") ? name[(name.LastIndexOf('/') + 1)..] : e.RequestParameter("name");

string Title(CloudTrailEvent e) => $"KMS encryption removed from CloudTrail trail {Trail(e)} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{Trail(e)}";

object AlertContext(CloudTrailEvent e) => new
{
    trail = Trail(e),
    trailArn = e.ResponseElement("trailARN"),
    logBucket = e.ResponseElement("s3BucketName"),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
