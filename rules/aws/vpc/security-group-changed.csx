#load "../../_lib/dedup-keys.csx"
#load "../../_lib/request-fields.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

string Group(CloudTrailEvent e) =>
    e.RequestParameter("groupId") ?? e.RequestParameter("ModifySecurityGroupRulesRequest.GroupId")
    ?? e.ResponseElement("groupId") ?? e.RequestParameter("groupName");

string Title(CloudTrailEvent e) => $"Security group {Group(e)}: {e.EventName} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => RegionalKey(e, Group(e));

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    securityGroup = Group(e),
    action = e.EventName,
    groupName = e.RequestParameter("groupName"),
    vpcId = e.RequestParameter("vpcId"),
    request = RequestFields(e,
        "groupId", "groupName", "groupDescription", "vpcId", "ipPermissions", "ipProtocol", "fromPort", "toPort", "cidrIp",
        "sourceSecurityGroupName", "sourceSecurityGroupOwnerId", "securityGroupRuleIds", "ModifySecurityGroupRulesRequest"),
});
