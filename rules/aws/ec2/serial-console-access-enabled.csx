bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

string Title(CloudTrailEvent e) => $"EC2 serial console access enabled in {e.AwsRegion} by {e.ActorName}";

// An account-level setting per region.
string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.AwsRegion}";

object AlertContext(CloudTrailEvent e) => new
{
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    identityType = e.UserIdentity.Type,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
