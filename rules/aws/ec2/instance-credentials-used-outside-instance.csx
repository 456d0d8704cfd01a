// Stateless by design. Cross-event signals (the same session seen from a second address, an address
// shared with a person's session) need correlation state the engine does not have yet; kept in a
// script's static fields they made results depend on event order and on what an earlier run or
// case had seen, which breaks replay and goes wrong on late, out-of-order files. Every judgement
// here uses the one record.

static readonly Regex InstanceId = new(@"^i-[0-9a-fA-F]{8,17}$");

// Client platforms that give away a workstation: macOS ("Darwin/", "macOS/") and offensive Linux
// distributions. EC2 Mac instances (mac1, mac2...) do run macOS: they are told apart by address below.
static readonly Regex WorkstationPlatform = new(@"Darwin/|\bmacOS/|distrib#(kali|parrot)|kali-linux|parrot-os", RegexOptions.IgnoreCase);

// Public addresses this organisation's own instances call AWS from: the NAT gateways and Elastic IPs
// of EC2 Mac hosts, for one (CIDR ranges or addresses). The ownEgress parameter: empty as shipped; see the runbook.
static IReadOnlyList<Cidr> OwnEgress => Parameters.Cidrs("ownEgress");

static string SessionName(CloudTrailEvent e) => e.UserIdentity.Arn is { } arn ? arn[(arn.LastIndexOf('/') + 1)..] : null;

// EC2 names an instance-profile session after the instance and records how it delivered it.
static bool IsInstanceCredential(CloudTrailEvent e) =>
    e.UserIdentity.Type == "AssumedRole"
    && (e.Has("userIdentity.sessionContext.ec2RoleDelivery") || InstanceId.IsMatch(SessionName(e) ?? ""));

// A public address that is not a VPC endpoint, not an AWS service and not one of the organisation's
// own egress addresses. AWS's published EC2 ranges are not shipped with the pack, so a call from
// another EC2 host is not told apart from one from the internet: the platform makes the signal.
static bool FromOutside(CloudTrailEvent e) =>
    e.SourceAddress.IsPublic && !e.Has("vpcEndpointId") && !e.SourceAddress.IsIn(OwnEgress);

static string Platform(CloudTrailEvent e) => WorkstationPlatform.Match(e.UserAgent ?? "") is { Success: true } m
    ? m.Value.Contains("kali", StringComparison.OrdinalIgnoreCase) ? "Kali Linux"
      : m.Value.Contains("parrot", StringComparison.OrdinalIgnoreCase) ? "Parrot OS"
      : "macOS"
    : null;

bool Rule(CloudTrailEvent e) =>
    !e.IsAwsServiceCall && IsInstanceCredential(e) && FromOutside(e) && Platform(e) is not null;

// An offensive distribution is never an instance of yours. macOS is ambiguous: an EC2 Mac host
// calling from its Elastic IP looks exactly like a stolen credential used from a laptop, so it stays
// medium until its addresses are listed in ownEgress (then set the rule's severity to high in your settings).
string Severity(CloudTrailEvent e) => Platform(e) == "macOS" ? "medium" : "high";

string Title(CloudTrailEvent e) =>
    $"EC2 instance credentials of {e.UserIdentity.SessionIssuerUserName} ({SessionName(e)}) used for {e.EventName} from {e.SourceIPAddress} by a {Platform(e)} client";

// One alert per stolen credential and address.
string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.UserIdentity.AccessKeyId ?? SessionName(e)}:{e.SourceIPAddress}";

object AlertContext(CloudTrailEvent e) => new
{
    role = e.UserIdentity.SessionIssuerArn,
    instanceId = SessionName(e),
    accessKeyId = e.UserIdentity.AccessKeyId,
    credentialDelivery = e.UserIdentity.Get("sessionContext.ec2RoleDelivery"),
    clientPlatform = Platform(e),
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    eventSource = e.EventSource,
    eventName = e.EventName,
    region = e.AwsRegion,
};
