// Correlation state, kept across the events of one run (the engine has no state store yet):
// the last non-instance identity seen at each account+address, and the first public address seen
// for each instance credential (access key id). Bounded: cleared when it grows past MaxEntries.
static readonly Dictionary<string, (string Identity, DateTimeOffset Time)> WorkstationAddresses = new();
static readonly Dictionary<string, string> FirstAddress = new();
static readonly object Gate = new();
const int MaxEntries = 100_000;
static readonly TimeSpan Window = TimeSpan.FromHours(12);

static readonly Regex InstanceId = new(@"^i-[0-9a-fA-F]{8,17}$");

// Client platforms EC2 workloads do not run on: macOS ("Darwin/") and offensive Linux distributions.
static readonly Regex ForeignClient = new(@"Darwin/|distrib#(kali|parrot)|kali-linux|parrot-os", RegexOptions.IgnoreCase);

static string SessionName(CloudTrailEvent e) => e.UserIdentity.Arn is { } arn ? arn[(arn.LastIndexOf('/') + 1)..] : null;

// EC2 names an instance-profile session after the instance and records how it delivered it.
static bool IsInstanceCredential(CloudTrailEvent e) =>
    e.UserIdentity.Type == "AssumedRole"
    && (e.Has("userIdentity.sessionContext.ec2RoleDelivery") || InstanceId.IsMatch(SessionName(e) ?? ""));

// Calls through VPC endpoints carry private addresses, AWS services put their own name here.
static bool IsPublic(string text)
{
    if (!IPAddress.TryParse(text, out var ip))
    {
        return false;
    }

    if (ip.IsIPv4MappedToIPv6)
    {
        ip = ip.MapToIPv4();
    }

    if (IPAddress.IsLoopback(ip) || ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || ip.IsIPv6UniqueLocal)
    {
        return false;
    }

    var b = ip.GetAddressBytes();
    return ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
        || !(b[0] == 10 || (b[0] == 172 && (b[1] & 0xF0) == 16) || (b[0] == 192 && b[1] == 168) || (b[0] == 100 && (b[1] & 0xC0) == 64) || (b[0] == 169 && b[1] == 254));
}

static string AddressKey(CloudTrailEvent e) => $"{e.RecipientAccountId ?? e.UserIdentity.AccountId}|{e.SourceIPAddress}";

bool Rule(CloudTrailEvent e)
{
    if (e.IsAwsServiceCall || !IsPublic(e.SourceIPAddress) || e.EventTime is not { } time)
    {
        return false;
    }

    if (!IsInstanceCredential(e))
    {
        if (e.UserIdentity.Type is "IAMUser" or "Root" or "AssumedRole" or "FederatedUser" or "IdentityCenterUser")
        {
            lock (Gate)
            {
                if (WorkstationAddresses.Count > MaxEntries)
                {
                    WorkstationAddresses.Clear();
                }

                WorkstationAddresses[AddressKey(e)] = (e.UserIdentity.Arn ?? e.ActorName, time);
            }
        }

        return false;
    }

    lock (Gate)
    {
        if (FirstAddress.Count > MaxEntries)
        {
            FirstAddress.Clear();
        }

        FirstAddress.TryAdd(e.UserIdentity.AccessKeyId ?? e.UserIdentity.PrincipalId ?? "", e.SourceIPAddress);
    }

    return Signals(e).Count > 0;
}

// Why the call looks like it came from outside the instance; empty when nothing does.
List<string> Signals(CloudTrailEvent e)
{
    var signals = new List<string>();
    if (ForeignClient.IsMatch(e.UserAgent ?? ""))
    {
        signals.Add("client platform that EC2 instances do not run (user agent)");
    }

    lock (Gate)
    {
        // Same address family only: a dual-stack instance may reach some endpoints over IPv6 and others over IPv4.
        if (FirstAddress.TryGetValue(e.UserIdentity.AccessKeyId ?? e.UserIdentity.PrincipalId ?? "", out var first) && first != e.SourceIPAddress
            && first.Contains(':') == e.SourceIPAddress.Contains(':'))
        {
            signals.Add($"same credentials first used from {first}");
        }

        if (WorkstationAddresses.TryGetValue(AddressKey(e), out var other) && e.EventTime is { } time && (time - other.Time).Duration() <= Window)
        {
            signals.Add($"address also used by {other.Identity}");
        }
    }

    return signals;
}

string Severity(CloudTrailEvent e) => Signals(e).Any(s => !s.StartsWith("address also used", StringComparison.Ordinal)) ? "high" : "medium";

string Title(CloudTrailEvent e) =>
    $"EC2 instance credentials of {e.UserIdentity.SessionIssuerUserName} ({SessionName(e)}) used from {e.SourceIPAddress} for {e.EventName}: {string.Join("; ", Signals(e))}";

// One alert per stolen credential and address.
string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.UserIdentity.AccessKeyId ?? SessionName(e)}:{e.SourceIPAddress}";

object AlertContext(CloudTrailEvent e) => new
{
    role = e.UserIdentity.SessionIssuerArn,
    instanceId = SessionName(e),
    accessKeyId = e.UserIdentity.AccessKeyId,
    credentialDelivery = e.UserIdentity.Get("sessionContext.ec2RoleDelivery"),
    signals = Signals(e),
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    eventSource = e.EventSource,
    eventName = e.EventName,
    region = e.AwsRegion,
};
