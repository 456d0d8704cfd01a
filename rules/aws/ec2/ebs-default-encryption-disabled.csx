bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

string Title(CloudTrailEvent e) => $"EBS encryption by default turned off in {e.AwsRegion} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.AwsRegion}";

object AlertContext(CloudTrailEvent e) => new
{
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
