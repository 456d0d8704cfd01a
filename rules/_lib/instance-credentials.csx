// EC2 hands an instance its instance profile's role credentials through the instance metadata
// service, as a role session named after the instance (i-0123456789abcdef0), and records how it
// delivered them (userIdentity.sessionContext.ec2RoleDelivery: 1.0 for IMDSv1, 2.0 for IMDSv2).
// Those credentials belong on the instance: rules about them ask whether a call came from elsewhere.

static readonly Regex InstanceId = new(@"^i-[0-9a-fA-F]{8,17}$");

// The session part of an assumed-role ARN (assumed-role/ROLE/SESSION): the instance id, for instance credentials.
static string SessionName(CloudTrailEvent e) => e.UserIdentity.Arn is { } arn ? arn[(arn.LastIndexOf('/') + 1)..] : null;

// "ROLE (i-0123456789abcdef0)": the instance profile's role and the instance it was given to.
static string InstanceCredentialName(CloudTrailEvent e) => $"{e.UserIdentity.SessionIssuerUserName} ({SessionName(e)})";

// One credential, for dedup keys: its temporary access key id, or the session when the record has none.
static string CredentialKey(CloudTrailEvent e) => e.UserIdentity.AccessKeyId ?? SessionName(e);

static bool IsInstanceCredential(CloudTrailEvent e) =>
    e.UserIdentity.Type == "AssumedRole"
    && (e.Has("userIdentity.sessionContext.ec2RoleDelivery") || InstanceId.IsMatch(SessionName(e) ?? ""));

// A call from the internet: a public address, not through a VPC endpoint, not an AWS service, and not
// one of ownEgress, the public addresses the organisation's own instances call AWS from (NAT gateways,
// Elastic IPs), which each rule lists. AWS's published EC2 ranges are not shipped with the pack, so a
// call from another EC2 host is not told apart from one from the internet.
static bool CalledFromOutside(CloudTrailEvent e, IEnumerable<Cidr> ownEgress) =>
    e.SourceAddress.IsPublic && !e.Has("vpcEndpointId") && !e.SourceAddress.IsIn(ownEgress);

// ownEgress written as CIDR text ("203.0.113.0/24") or bare addresses.
static bool CalledFromOutside(CloudTrailEvent e, IEnumerable<string> ownEgress) =>
    CalledFromOutside(e, ownEgress.Select(Cidr.Parse));

// The alert context of a rule about instance credentials: the rule's own fields (an anonymous object,
// or none), the standard ones, and what identifies the credential: the instance profile's role, the
// instance, the temporary access key and how EC2 delivered it.
static IReadOnlyDictionary<string, object> InstanceCredentialContext(CloudTrailEvent e, object fields = null)
{
    var context = new Dictionary<string, object>(e.StandardContext(fields));
    context.TryAdd("role", e.UserIdentity.SessionIssuerArn);
    context.TryAdd("instanceId", SessionName(e));
    context.TryAdd("accessKeyId", e.UserIdentity.AccessKeyId);
    context.TryAdd("credentialDelivery", e.UserIdentity.Get("sessionContext.ec2RoleDelivery"));
    return context;
}
