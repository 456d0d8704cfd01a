#load "../../_lib/deployments.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// CloudFormation deploying or tearing down a stack for its caller makes this routine: one step lower.
AlertSeverity Severity(CloudTrailEvent e) => AlertSeverity.Medium.LowerWhen(ByCloudFormation(e));

string Provider(CloudTrailEvent e) =>
    e.RequestParameter("sAMLProviderArn") ?? e.ResponseElement("sAMLProviderArn")
    ?? e.RequestParameter("openIDConnectProviderArn") ?? e.ResponseElement("openIDConnectProviderArn")
    ?? e.RequestParameter("name") ?? e.RequestParameter("url");

string Title(CloudTrailEvent e) => $"Identity provider {Provider(e)}: {e.EventName} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{Provider(e)}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    provider = Provider(e),
    action = e.EventName,
    url = e.RequestParameter("url"),
    clientIds = e.RequestParameterElement("clientIDList"),
    clientId = e.RequestParameter("clientID"),
    thumbprints = e.RequestParameterElement("thumbprintList"),
});
