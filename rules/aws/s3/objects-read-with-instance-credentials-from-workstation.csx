#load "../../_lib/instance-credentials.csx"

// aws-cli, boto3 and the SDKs put the platform in the user agent: Darwin/23.4.0, macOS/14.4.
static readonly Regex DesktopPlatform = new(@"\b(Darwin|macOS|Mac OS X)\b");

// Public addresses this organisation's own instances call AWS from: the NAT gateways and Elastic IPs
// of EC2 Mac build hosts, for one. The ownEgress parameter: empty as shipped; see the description.
static IReadOnlyList<Cidr> OwnEgress => Parameters.Cidrs("ownEgress");

// EC2 Mac instances report macOS too; what sets a workstation apart is calling from the internet.
bool Rule(CloudTrailEvent e) =>
    e.IsSuccess && !e.IsAwsServiceCall && IsInstanceCredential(e) && CalledFromOutside(e, OwnEgress) && DesktopPlatform.IsMatch(e.UserAgent ?? "");

// EC2 Mac build hosts read buckets from their Elastic IPs with the same user agent: medium until
// their addresses are in ownEgress, after which a hit is worth high (set the rule's severity in your settings).
AlertSeverity Severity(CloudTrailEvent e) => AlertSeverity.Medium;

string Title(CloudTrailEvent e) =>
    $"Bucket {e.RequestParameter("bucketName")} read with the instance credentials of {SessionName(e)} from a workstation at {e.SourceIPAddress}";

string Dedup(CloudTrailEvent e) =>
    $"{e.RecipientAccountId}:{CredentialKey(e)}:{e.RequestParameter("bucketName")}";

object AlertContext(CloudTrailEvent e) => InstanceCredentialContext(e, new
{
    bucket = e.RequestParameter("bucketName"),
    key = e.RequestParameter("key"),
});
