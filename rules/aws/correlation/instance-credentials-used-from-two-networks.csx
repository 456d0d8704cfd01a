#load "../../_lib/instance-credentials.csx"

// The organisation's own network, as one value: calls through a VPC endpoint (CloudTrail records the
// endpoint id and the caller's private address) and calls from the ownEgress addresses (NAT gateways,
// Elastic IPs). An instance reaches every service its VPC has an endpoint for through a different
// endpoint (one per service: sts, ec2, logs, the S3 gateway...) and the rest through its NAT gateway,
// so counting each endpoint, or an endpoint and the declared NAT, apart would make every instance in a
// private subnet look like it called from several networks.
const string OrganisationNetwork = "organisation network (VPC endpoint or ownEgress)";

// Public addresses this organisation's own instances call AWS from: NAT gateways, Elastic IPs, the
// IPv6 ranges of dual-stack VPCs. The ownEgress parameter: empty as shipped; see the description.
static IReadOnlyList<Cidr> OwnEgress => Parameters.Cidrs("ownEgress");

// A call made with instance-profile credentials, by whoever holds them. Calls AWS services make with
// them on the caller's behalf (S3 decrypting with KMS for the caller, sourceIPAddress s3.amazonaws.com)
// follow from a call of the holder's that is recorded with its own address: they say nothing about
// where the holder is, and are not counted.
bool InstanceCredentialCall(CloudTrailEvent e) => IsInstanceCredential(e) && !e.IsAwsServiceCall && Network(e) is not null;

// The network a call came from: the organisation's own (see above), or a public address outside it.
// An IPv6 address counts as its /64, one network by IPv6 convention, so a client rotating privacy
// addresses within its subnet is one network. Anything else (a service name, "AWS Internal") is none.
string Value(CloudTrailEvent e) => Network(e);

static string Network(CloudTrailEvent e)
{
    var source = e.SourceAddress;
    if (e.Has("vpcEndpointId") || source.IsPrivate)
    {
        return OrganisationNetwork;
    }

    if (!source.IsPublic)
    {
        return null;
    }

    if (source.IsIn(OwnEgress))
    {
        return OrganisationNetwork;
    }

    return source.Text.Contains(':') ? Cidr.Parse($"{source.Text}/64").ToString() : source.Text;
}

string Title(CloudTrailEvent e) =>
    $"EC2 instance credentials of {InstanceCredentialName(e)} used from a second network: {Network(e)} ({e.EventSource?.Replace(".amazonaws.com", "")}:{e.EventName})";
