bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

string Group(CloudTrailEvent e) =>
    e.RequestParameter("groupId") ?? e.RequestParameter("ModifySecurityGroupRulesRequest.GroupId")
    ?? e.ResponseElement("groupId") ?? e.RequestParameter("groupName");

string Title(CloudTrailEvent e) => $"Security group {Group(e)}: {e.EventName} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.AwsRegion}:{Group(e)}";

object AlertContext(CloudTrailEvent e) => new
{
    securityGroup = Group(e),
    action = e.EventName,
    groupName = e.RequestParameter("groupName"),
    vpcId = e.RequestParameter("vpcId"),
    request = e.Element("requestParameters"),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
