#load "../../_lib/dedup-keys.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// New paths into or out of a network: a VPC given internet access, or a new on-premises VPN peer.
bool OpensPath(CloudTrailEvent e) => e.EventName is "AttachInternetGateway" or "CreateCustomerGateway";

AlertSeverity Severity(CloudTrailEvent e) => OpensPath(e) ? AlertSeverity.Medium : AlertSeverity.Low;

// Newer EC2 APIs log their parameters wrapped in <Action>Request with capitalised names.
string Gateway(CloudTrailEvent e) =>
    e.RequestParameter("internetGatewayId") ?? e.ResponseElement("internetGateway.internetGatewayId")
    ?? e.RequestParameter("egressOnlyInternetGatewayId") ?? e.ResponseElement("CreateEgressOnlyInternetGatewayResponse.egressOnlyInternetGateway.egressOnlyInternetGatewayId")
    ?? e.RequestParameter("customerGatewayId") ?? e.ResponseElement("customerGateway.customerGatewayId")
    ?? e.RequestParameter("DeleteNatGatewayRequest.NatGatewayId") ?? e.ResponseElement("CreateNatGatewayResponse.natGateway.natGatewayId")
    ?? "(new gateway)";

string Title(CloudTrailEvent e) =>
    $"{e.EventName} {Gateway(e)}{(e.RequestParameter("vpcId") is { } vpc ? $" on {vpc}" : "")}{(e.RequestParameter("ipAddress") is { } ip ? $" for peer {ip}" : "")} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => RegionalKey(e, Gateway(e));

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    gateway = Gateway(e),
    action = e.EventName,
    vpcId = e.RequestParameter("vpcId"),
    customerGatewayIp = e.RequestParameter("ipAddress"),
});
