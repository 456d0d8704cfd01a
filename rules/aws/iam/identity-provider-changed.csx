bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// CloudFormation deploying or tearing down a stack for its caller makes this routine: one step lower.
string Severity(CloudTrailEvent e) => e.InvokedByService == "cloudformation.amazonaws.com" ? "low" : "medium";

string Provider(CloudTrailEvent e) =>
    e.RequestParameter("sAMLProviderArn") ?? e.ResponseElement("sAMLProviderArn")
    ?? e.RequestParameter("openIDConnectProviderArn") ?? e.ResponseElement("openIDConnectProviderArn")
    ?? e.RequestParameter("name") ?? e.RequestParameter("url");

string Title(CloudTrailEvent e) => $"Identity provider {Provider(e)}: {e.EventName} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{Provider(e)}";

object AlertContext(CloudTrailEvent e) => new
{
    provider = Provider(e),
    action = e.EventName,
    url = e.RequestParameter("url"),
    clientIds = e.Element("requestParameters.clientIDList"),
    clientId = e.RequestParameter("clientID"),
    thumbprints = e.Element("requestParameters.thumbprintList"),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
};
