// Only a request that sets the flag changes it; UpdateTrail leaves omitted settings as they were.
bool Rule(CloudTrailEvent e) => e.IsSuccess && e.RequestParameter("isMultiRegionTrail") == "false";

string Trail(CloudTrailEvent e) =>
    e.RequestParameter("name") is { } name && name.Contains(":trail/") ? name[(name.LastIndexOf('/') + 1)..] : e.RequestParameter("name");

string Title(CloudTrailEvent e) =>
    $"CloudTrail trail {Trail(e)} made single-region ({e.AwsRegion} only) by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{Trail(e)}";

object AlertContext(CloudTrailEvent e) => new
{
    trail = Trail(e),
    trailArn = e.ResponseElement("trailARN"),
    homeRegion = e.AwsRegion,
    organizationTrail = e.ResponseElement("isOrganizationTrail"),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
};
