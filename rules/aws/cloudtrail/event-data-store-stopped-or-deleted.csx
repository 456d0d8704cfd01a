bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// The request names the event data store by ARN or by the id at the end of it.
string Store(CloudTrailEvent e) => e.RequestParameter("eventDataStore");

string StoreId(CloudTrailEvent e) => Arn.Parse(Store(e))?.ResourceName ?? Store(e);

bool IsDeletion(CloudTrailEvent e) => e.EventName == "DeleteEventDataStore";

// CloudFormation tearing down a stack's data store is routine: one step lower.
string Severity(CloudTrailEvent e) => e.InvokedByService == "cloudformation.amazonaws.com" ? "medium" : "high";

string Title(CloudTrailEvent e) => IsDeletion(e)
    ? $"CloudTrail Lake event data store {StoreId(e)} deleted in {e.AwsRegion} by {e.ActorName}"
    : $"CloudTrail Lake event data store {StoreId(e)} stopped ingesting events in {e.AwsRegion} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{StoreId(e)}";

object AlertContext(CloudTrailEvent e) => new
{
    eventDataStore = Store(e),
    action = e.EventName,
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
