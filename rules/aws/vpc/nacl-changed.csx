#load "../../_lib/dedup-keys.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// An allow entry for every protocol (-1) from or to any address (a /0 range).
bool AllowsEverything(CloudTrailEvent e) =>
    e.RequestParameter("ruleAction") == "allow"
    && e.RequestParameter("aclProtocol") == "-1"
    && ((e.RequestParameter("cidrBlock") ?? e.RequestParameter("ipv6CidrBlock"))?.EndsWith("/0") ?? false);

AlertSeverity Severity(CloudTrailEvent e) => AllowsEverything(e) ? AlertSeverity.Medium : AlertSeverity.Low;

string Acl(CloudTrailEvent e) => e.RequestParameter("networkAclId") ?? e.ResponseElement("networkAcl.networkAclId") ?? e.RequestParameter("vpcId");

string Title(CloudTrailEvent e) =>
    $"Network ACL {Acl(e)}: {e.EventName}{(AllowsEverything(e) ? $" allowing all {(e.RequestParameter("egress") == "true" ? "outbound" : "inbound")} traffic" : "")} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => RegionalKey(e, Acl(e));

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    networkAcl = Acl(e),
    action = e.EventName,
    ruleNumber = e.RequestParameter("ruleNumber"),
    ruleAction = e.RequestParameter("ruleAction"),
    egress = e.RequestParameter("egress"),
    protocol = e.RequestParameter("aclProtocol"),
    cidr = e.RequestParameter("cidrBlock") ?? e.RequestParameter("ipv6CidrBlock"),
    associationId = e.RequestParameter("associationId"),
});
