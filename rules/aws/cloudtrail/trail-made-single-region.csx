#load "../../_lib/arns.csx"

// Only a request that sets the flag changes it; UpdateTrail leaves omitted settings as they were.
bool Rule(CloudTrailEvent e) => e.IsSuccess && e.RequestParameter("isMultiRegionTrail") == "false";

string Trail(CloudTrailEvent e) => NameFromArn(e.RequestParameter("name"));

string Title(CloudTrailEvent e) =>
    $"CloudTrail trail {Trail(e)} made single-region ({e.AwsRegion} only) by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{Trail(e)}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    trail = Trail(e),
    trailArn = e.ResponseElement("trailARN"),
    homeRegion = e.AwsRegion,
    organizationTrail = e.ResponseElement("isOrganizationTrail"),
});
