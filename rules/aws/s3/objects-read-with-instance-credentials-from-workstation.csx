static readonly Regex InstanceId = new(@"^i-[0-9a-fA-F]{8,17}$");

// aws-cli, boto3 and the SDKs put the platform in the user agent: Darwin/23.4.0, macOS/14.4.
static readonly Regex DesktopPlatform = new(@"\b(Darwin|macOS|Mac OS X)\b");

// Public addresses this organisation's own instances call AWS from: the NAT gateways and Elastic IPs
// of EC2 Mac build hosts, for one. The ownEgress parameter: empty as shipped; see the description.
static IReadOnlyList<Cidr> OwnEgress => Parameters.Cidrs("ownEgress");

static string SessionName(CloudTrailEvent e) => e.UserIdentity.Arn is { } arn ? arn[(arn.LastIndexOf('/') + 1)..] : null;

static bool IsInstanceCredential(CloudTrailEvent e) =>
    e.UserIdentity.Type == "AssumedRole"
    && (e.Has("userIdentity.sessionContext.ec2RoleDelivery") || InstanceId.IsMatch(SessionName(e) ?? ""));

// EC2 Mac instances report macOS too; what sets a workstation apart is calling from the internet:
// a public address, not through a VPC endpoint, not an AWS service, not the organisation's own.
static bool FromOutside(CloudTrailEvent e) =>
    e.SourceAddress.IsPublic && !e.Has("vpcEndpointId") && !e.SourceAddress.IsIn(OwnEgress);

bool Rule(CloudTrailEvent e) =>
    e.IsSuccess && !e.IsAwsServiceCall && IsInstanceCredential(e) && FromOutside(e) && DesktopPlatform.IsMatch(e.UserAgent ?? "");

// EC2 Mac build hosts read buckets from their Elastic IPs with the same user agent: medium until
// their addresses are in ownEgress, after which a hit is worth high (set the rule's severity in your settings).
string Severity(CloudTrailEvent e) => "medium";

string Title(CloudTrailEvent e) =>
    $"Bucket {e.RequestParameter("bucketName")} read with the instance credentials of {SessionName(e)} from a workstation at {e.SourceIPAddress}";

string Dedup(CloudTrailEvent e) =>
    $"{e.RecipientAccountId}:{e.UserIdentity.AccessKeyId ?? SessionName(e)}:{e.RequestParameter("bucketName")}";

object AlertContext(CloudTrailEvent e) => new
{
    bucket = e.RequestParameter("bucketName"),
    key = e.RequestParameter("key"),
    role = e.UserIdentity.SessionIssuerArn,
    instanceId = SessionName(e),
    accessKeyId = e.UserIdentity.AccessKeyId,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
};
