#load "../../_lib/arns.csx"

// Only a request that sets the flag changes it; the response reports the resulting state either way.
bool Rule(CloudTrailEvent e) => e.IsSuccess && e.RequestParameter("enableLogFileValidation") == "false";

string Trail(CloudTrailEvent e) => NameFromArn(e.RequestParameter("name"));

string Title(CloudTrailEvent e) => $"CloudTrail log file validation turned off for trail {Trail(e)} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{Trail(e)}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    trail = Trail(e),
    trailArn = e.ResponseElement("trailARN"),
    logBucket = e.ResponseElement("s3BucketName"),
});
