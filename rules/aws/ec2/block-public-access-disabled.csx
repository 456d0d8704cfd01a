bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

string What(CloudTrailEvent e) => e.EventName == "DisableSnapshotBlockPublicAccess" ? "EBS snapshots" : "AMIs";

// CloudFormation deploying a stack's setting is routine: one step lower.
string Severity(CloudTrailEvent e) => e.InvokedByService == "cloudformation.amazonaws.com" ? "low" : "medium";

string Title(CloudTrailEvent e) => $"Block public access for {What(e)} turned off in {e.AwsRegion} by {e.ActorName}";

// An account-level setting per region.
string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.AwsRegion}:{e.EventName}";

object AlertContext(CloudTrailEvent e) => new
{
    action = e.EventName,
    resourceType = What(e),
    stateNow = e.ResponseElement("DisableSnapshotBlockPublicAccessResponse.state") ?? e.ResponseElement("DisableImageBlockPublicAccessResponse.imageBlockPublicAccessState"),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
