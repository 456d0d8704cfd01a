// Bedrock itself invoking a model for an agent, knowledge base or flow (invokedBy bedrock.amazonaws.com)
// is the product at work; the principal's InvokeAgent or Retrieve call is where a person shows up.
bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall && e.InvokedByService != "bedrock.amazonaws.com";

// Long-term keys (IAM users, root) are what leaks and gets resold; workloads use role sessions.
AlertSeverity Severity(CloudTrailEvent e) => e.UserIdentity.Type is "IAMUser" or "Root" ? AlertSeverity.Medium : AlertSeverity.Low;

string Model(CloudTrailEvent e) => e.RequestParameter("modelId") ?? "?";

string Title(CloudTrailEvent e) => $"Bedrock model {Model(e)} invoked ({e.EventName}) in {e.AwsRegion} by {e.ActorName} from {e.SourceIPAddress}";

// One alert per principal and model per day: the list of who uses what.
string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.UserIdentity.Arn}:{Model(e)}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    model = Model(e),
    action = e.EventName,
    identityType = e.UserIdentity.Type,
    accessKeyId = e.UserIdentity.AccessKeyId,
});
