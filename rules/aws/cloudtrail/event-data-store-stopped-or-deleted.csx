#load "../../_lib/arns.csx"
#load "../../_lib/deployments.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// The request names the event data store by ARN or by the id at the end of it.
string Store(CloudTrailEvent e) => e.RequestParameter("eventDataStore");

string StoreId(CloudTrailEvent e) => NameFromArn(Store(e));

bool IsDeletion(CloudTrailEvent e) => e.EventName == "DeleteEventDataStore";

// CloudFormation tearing down a stack's data store is routine: one step lower.
AlertSeverity Severity(CloudTrailEvent e) => AlertSeverity.High.LowerWhen(ByCloudFormation(e));

string Title(CloudTrailEvent e) => IsDeletion(e)
    ? $"CloudTrail Lake event data store {StoreId(e)} deleted in {e.AwsRegion} by {e.ActorName}"
    : $"CloudTrail Lake event data store {StoreId(e)} stopped ingesting events in {e.AwsRegion} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{StoreId(e)}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    eventDataStore = Store(e),
    action = e.EventName,
});
