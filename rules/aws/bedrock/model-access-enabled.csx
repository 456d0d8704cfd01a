#load "../../_lib/dedup-keys.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// The use-case form applies to the whole account; the other calls name a model.
string Model(CloudTrailEvent e) => e.RequestParameter("modelId") ?? e.ResponseElement("modelId") ?? "(account-wide use case)";

string Title(CloudTrailEvent e) => $"Bedrock model access: {e.EventName} for {Model(e)} in {e.AwsRegion} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => RegionalKey(e, e.UserIdentity.Arn);

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    action = e.EventName,
    model = Model(e),
    identityType = e.UserIdentity.Type,
});
