bool Rule(CloudTrailEvent e) => e.IsSuccess;

// The request names the trail either by name or by ARN; show the name either way.
string TrailName(CloudTrailEvent e) =>
    e.RequestParameter("name") is { } name && name.Contains(":trail/") ? name[(name.LastIndexOf('/') + 1)..] : e.RequestParameter("name");

string Title(CloudTrailEvent e) => $"CloudTrail trail {TrailName(e)} deleted by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{TrailName(e)}";

object AlertContext(CloudTrailEvent e) => new
{
    trail = e.RequestParameter("name"),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
