bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// The use-case form applies to the whole account; the other calls name a model.
string Model(CloudTrailEvent e) => e.RequestParameter("modelId") ?? e.ResponseElement("modelId") ?? "(account-wide use case)";

string Title(CloudTrailEvent e) => $"Bedrock model access: {e.EventName} for {Model(e)} in {e.AwsRegion} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.AwsRegion}:{e.UserIdentity.Arn}";

object AlertContext(CloudTrailEvent e) => new
{
    action = e.EventName,
    model = Model(e),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    identityType = e.UserIdentity.Type,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
