bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// CreateTrail and UpdateTrail name the trail "name"; StartLogging and PutInsightSelectors
// "name" and "trailName" respectively, either as a name or an ARN.
string Trail(CloudTrailEvent e)
{
    var trail = e.RequestParameter("name") ?? e.RequestParameter("trailName") ?? "?";
    return trail.Contains(":trail/") ? trail[(trail.LastIndexOf('/') + 1)..] : trail;
}

string Title(CloudTrailEvent e) => $"CloudTrail {e.EventName} on trail {Trail(e)} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{Trail(e)}";

object AlertContext(CloudTrailEvent e) => new
{
    trail = Trail(e),
    action = e.EventName,
    requestParameters = e.Element("requestParameters"),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
