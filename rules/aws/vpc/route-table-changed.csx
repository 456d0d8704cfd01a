#load "../../_lib/dedup-keys.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

string Destination(CloudTrailEvent e) =>
    e.RequestParameter("destinationCidrBlock") ?? e.RequestParameter("destinationIpv6CidrBlock") ?? e.RequestParameter("destinationPrefixListId");

// Where the route sends traffic: the first target parameter present.
string Target(CloudTrailEvent e) =>
    new[] { "gatewayId", "instanceId", "networkInterfaceId", "natGatewayId", "transitGatewayId", "vpcPeeringConnectionId", "egressOnlyInternetGatewayId", "vpcEndpointId" }
        .Select(e.RequestParameter).FirstOrDefault(t => t is not null);

// A default route through an internet gateway, an instance or an interface: a subnet given internet
// access, or all its traffic handed to a machine someone controls.
bool Risky(CloudTrailEvent e) =>
    Destination(e) is "0.0.0.0/0" or "::/0"
    && Target(e) is { } target
    && (target.StartsWith("igw-") || target.StartsWith("i-") || target.StartsWith("eni-"));

AlertSeverity Severity(CloudTrailEvent e) => Risky(e) ? AlertSeverity.Medium : AlertSeverity.Low;

string Table(CloudTrailEvent e) =>
    e.RequestParameter("routeTableId") ?? e.ResponseElement("routeTable.routeTableId") ?? e.RequestParameter("associationId") ?? e.RequestParameter("vpcId");

string Title(CloudTrailEvent e) =>
    $"Route table {Table(e)}: {e.EventName}{(Destination(e) is { } d ? $" {d}" : "")}{(Target(e) is { } t ? $" via {t}" : "")} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => RegionalKey(e, Table(e));

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    routeTable = Table(e),
    action = e.EventName,
    destination = Destination(e),
    target = Target(e),
    subnetId = e.RequestParameter("subnetId"),
    associationId = e.RequestParameter("associationId"),
});
