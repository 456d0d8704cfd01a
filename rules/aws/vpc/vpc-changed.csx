bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// The peer owner is given when peering with another account; absent, the peer is in the caller's account.
string PeerAccount(CloudTrailEvent e) =>
    e.RequestParameter("peerOwnerId") ?? e.ResponseElement("vpcPeeringConnection.accepterVpcInfo.ownerId");

bool CrossAccount(CloudTrailEvent e) => PeerAccount(e) is { } peer && peer != e.RecipientAccountId;

string Severity(CloudTrailEvent e) => CrossAccount(e) ? "medium" : "low";

string Resource(CloudTrailEvent e) =>
    e.RequestParameter("vpcPeeringConnectionId") ?? e.ResponseElement("vpcPeeringConnection.vpcPeeringConnectionId")
    ?? e.RequestParameter("vpcId") ?? e.ResponseElement("vpc.vpcId") ?? e.RequestParameter("cidrBlock");

string Title(CloudTrailEvent e) =>
    $"{e.EventName} {Resource(e)}{(CrossAccount(e) ? $" with account {PeerAccount(e)}" : "")} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.AwsRegion}:{Resource(e)}";

object AlertContext(CloudTrailEvent e) => new
{
    resource = Resource(e),
    action = e.EventName,
    vpcId = e.RequestParameter("vpcId"),
    peerVpcId = e.RequestParameter("peerVpcId"),
    peerAccount = PeerAccount(e),
    request = e.Element("requestParameters"),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
