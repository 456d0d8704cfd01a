#load "../../_lib/instance-credentials.csx"

// The instance's own network, as one value: calls through a VPC endpoint (CloudTrail records the
// endpoint id and the caller's private address), calls from the ownEgress addresses (NAT gateways,
// Elastic IPs) and, while ownEgress is empty, calls from a client running on EC2 (below). An instance reaches every service its VPC has an endpoint for through a different
// endpoint (one per service: sts, ec2, logs, the S3 gateway...) and the rest through its NAT gateway,
// so counting each endpoint, or an endpoint and the declared NAT, apart would make every instance in a
// private subnet look like it called from several networks.
const string Home = "home";

// Public addresses this organisation's own instances call AWS from: NAT gateways, Elastic IPs, the
// IPv6 ranges of dual-stack VPCs. The ownEgress parameter: empty as shipped; see the description.
static IReadOnlyList<Cidr> OwnEgress => Parameters.Cidrs("ownEgress");

// Clients that run on EC2 itself: an Amazon Linux kernel (amzn2, amzn2023) or an AWS-tuned Ubuntu or
// Debian kernel (6.5.0-1014-aws) in the user agent's platform, or the SSM agent on Linux or Windows
// (the Go SDK it uses names no kernel). While ownEgress is empty the rule cannot tell the instance's
// NAT addresses from anyone else's (a NAT gateway with two addresses, an S3 gateway endpoint beside
// the NAT gateway, a dual-stack instance's IPv6 address), so it takes such a client's calls for the
// instance's own, wherever they come from. EC2 Mac instances report macOS, as laptops do: their
// calls, the SSM agent's included, count by address, so a Mac host calling from its Elastic IP is one
// network.
static readonly Regex Ec2Platform = new(@"amzn|\d-aws\b|; (linux|windows); [a-z0-9_]+\) amazon-ssm-agent/", RegexOptions.IgnoreCase);

// A call made with instance-profile credentials, by whoever holds them. Calls AWS services make with
// them on the caller's behalf (S3 decrypting with KMS for the caller, sourceIPAddress s3.amazonaws.com)
// follow from a call of the holder's that is recorded with its own address: they say nothing about
// where the holder is, and are not counted.
bool InstanceCredentialCall(CloudTrailEvent e) => IsInstanceCredential(e) && !e.IsAwsServiceCall && Network(e) is not null;

// The network a call came from: home (see above), or a public address outside it.
// An IPv6 address counts as its /64, one network by IPv6 convention, so a client rotating privacy
// addresses within its subnet is one network. Anything else (a service name, "AWS Internal") is none.
string Value(CloudTrailEvent e) => Network(e);

static string Network(CloudTrailEvent e)
{
    var source = e.SourceAddress;
    if (e.Has("vpcEndpointId") || source.IsPrivate)
    {
        return Home;
    }

    if (!source.IsPublic)
    {
        return null;
    }

    // Once the organisation has declared its addresses, they alone say what is home: any other
    // address is someone else's, whatever client it reports.
    var ownEgress = OwnEgress;
    if (ownEgress.Count > 0 ? source.IsIn(ownEgress) : Ec2Platform.IsMatch(e.UserAgent ?? ""))
    {
        return Home;
    }

    return source.Text.Contains(':') ? Cidr.Parse($"{source.Text}/64").ToString() : source.Text;
}

string Title(CloudTrailEvent e) =>
    $"EC2 instance credentials of {InstanceCredentialName(e)} used from two networks; latest call {e.EventSource?.Replace(".amazonaws.com", "")}:{e.EventName} from {Network(e)}";
