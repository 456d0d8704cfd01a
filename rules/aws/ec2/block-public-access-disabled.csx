#load "../../_lib/dedup-keys.csx"
#load "../../_lib/deployments.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

string What(CloudTrailEvent e) => e.EventName == "DisableSnapshotBlockPublicAccess" ? "EBS snapshots" : "AMIs";

// CloudFormation deploying a stack's setting is routine: one step lower.
AlertSeverity Severity(CloudTrailEvent e) => AlertSeverity.Medium.LowerWhen(ByCloudFormation(e));

string Title(CloudTrailEvent e) => $"Block public access for {What(e)} turned off in {e.AwsRegion} by {e.ActorName}";

// An account-level setting per region.
string Dedup(CloudTrailEvent e) => RegionalKey(e, e.EventName);

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    action = e.EventName,
    resourceType = What(e),
    stateNow = e.ResponseElement("DisableSnapshotBlockPublicAccessResponse.state") ?? e.ResponseElement("DisableImageBlockPublicAccessResponse.imageBlockPublicAccessState"),
});
