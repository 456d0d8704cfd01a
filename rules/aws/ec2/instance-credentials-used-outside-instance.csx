#load "../../_lib/instance-credentials.csx"

// Stateless by design. Cross-event signals belong to correlation rules, whose state the engine keeps
// (the same session seen from a second network is aws.correlation.instance-credentials-used-from-
// two-networks); kept in a script's static fields they made results depend on event order and on
// what an earlier run or case had seen, which breaks replay and goes wrong on late, out-of-order
// files. Every judgement here uses the one record.

// Client platforms that give away a workstation: macOS ("Darwin/", "macOS/") and offensive Linux
// distributions. EC2 Mac instances (mac1, mac2...) do run macOS: they are told apart by address below.
static readonly Regex WorkstationPlatform = new(@"Darwin/|\bmacOS/|distrib#(kali|parrot)|kali-linux|parrot-os", RegexOptions.IgnoreCase);

// Public addresses this organisation's own instances call AWS from: the NAT gateways and Elastic IPs
// of EC2 Mac hosts, for one (CIDR ranges or addresses). The ownEgress parameter: empty as shipped; see the runbook.
static IReadOnlyList<Cidr> OwnEgress => Parameters.Cidrs("ownEgress");

static string Platform(CloudTrailEvent e) => WorkstationPlatform.Match(e.UserAgent ?? "") is { Success: true } m
    ? m.Value.Contains("kali", StringComparison.OrdinalIgnoreCase) ? "Kali Linux"
      : m.Value.Contains("parrot", StringComparison.OrdinalIgnoreCase) ? "Parrot OS"
      : "macOS"
    : null;

// A call from another EC2 host is not told apart from one from the internet (see CalledFromOutside):
// the platform makes the signal.
bool Rule(CloudTrailEvent e) =>
    !e.IsAwsServiceCall && IsInstanceCredential(e) && CalledFromOutside(e, OwnEgress) && Platform(e) is not null;

// An offensive distribution is never an instance of yours. macOS is ambiguous: an EC2 Mac host
// calling from its Elastic IP looks exactly like a stolen credential used from a laptop, so it stays
// medium until its addresses are listed in ownEgress (then set the rule's severity to high in your settings).
AlertSeverity Severity(CloudTrailEvent e) => Platform(e) == "macOS" ? AlertSeverity.Medium : AlertSeverity.High;

string Title(CloudTrailEvent e) =>
    $"EC2 instance credentials of {InstanceCredentialName(e)} used for {e.EventName} from {e.SourceIPAddress} by a {Platform(e)} client";

// One alert per stolen credential and address.
string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{CredentialKey(e)}:{e.SourceIPAddress}";

object AlertContext(CloudTrailEvent e) => InstanceCredentialContext(e, new
{
    clientPlatform = Platform(e),
    eventSource = e.EventSource,
    eventName = e.EventName,
});
