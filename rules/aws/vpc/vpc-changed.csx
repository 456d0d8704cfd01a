#load "../../_lib/dedup-keys.csx"
#load "../../_lib/request-fields.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// The other side of a peering connection: the request names the peer owner when peering with another
// account (absent, the peer is in the caller's account); the response describes both ends. Whichever
// end is not this account is the peer: the accepter when this account requests, the requester when
// this account accepts a request from elsewhere.
string PeerAccount(CloudTrailEvent e) =>
    new[]
    {
        e.RequestParameter("peerOwnerId"),
        e.ResponseElement("vpcPeeringConnection.accepterVpcInfo.ownerId"),
        e.ResponseElement("vpcPeeringConnection.requesterVpcInfo.ownerId"),
    }.FirstOrDefault(owner => owner is not null && owner != e.RecipientAccountId);

bool CrossAccount(CloudTrailEvent e) => PeerAccount(e) is not null;

AlertSeverity Severity(CloudTrailEvent e) => CrossAccount(e) ? AlertSeverity.Medium : AlertSeverity.Low;

string Resource(CloudTrailEvent e) =>
    e.RequestParameter("vpcPeeringConnectionId") ?? e.ResponseElement("vpcPeeringConnection.vpcPeeringConnectionId")
    ?? e.RequestParameter("vpcId") ?? e.ResponseElement("vpc.vpcId") ?? e.RequestParameter("cidrBlock");

string Title(CloudTrailEvent e) =>
    $"{e.EventName} {Resource(e)}{(CrossAccount(e) ? $" with account {PeerAccount(e)}" : "")} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => RegionalKey(e, Resource(e));

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    resource = Resource(e),
    action = e.EventName,
    vpcId = e.RequestParameter("vpcId"),
    peerVpcId = e.RequestParameter("peerVpcId"),
    peerAccount = PeerAccount(e),
    request = RequestFields(e,
        "vpcId", "peerVpcId", "peerOwnerId", "peerRegion", "vpcPeeringConnectionId", "cidrBlock", "amazonProvidedIpv6CidrBlock",
        "instanceTenancy", "enableDnsHostnames", "enableDnsSupport", "instanceId", "groupSet"),
});
