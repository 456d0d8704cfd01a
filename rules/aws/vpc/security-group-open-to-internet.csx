#load "../../_lib/dedup-keys.csx"
#load "../../_lib/deployments.csx"

// Remote administration, file sharing, container, database and cache ports that should never face the internet.
static readonly IReadOnlySet<int> SensitivePorts = new HashSet<int>([
    20, 21, 22, 23, 135, 137, 138, 139, 445, 1433, 1434, 1521, 2049, 2375, 2376, 2379, 3306, 3389, 5432, 5900,
    5984, 5985, 5986, 6379, 7001, 9042, 9200, 9300, 10250, 11211, 27017, 27018,
]);

static readonly IReadOnlySet<int> WebPorts = new HashSet<int>([80, 443]);

// DirectionUnknown: ModifySecurityGroupRules names a rule by id and does not say whether it is an
// ingress or an egress rule, so the opening may be the default "all traffic out" rule being edited.
record Opening(string Cidr, string Protocol, int From, int To, bool DirectionUnknown = false)
{
    // Protocol -1 means every protocol and port; tcp/udp 0-65535 is the same in practice.
    public bool AllPorts => Protocol is "-1" or "all" || (From <= 0 && To >= 65535);

    public bool Sensitive => AllPorts || SensitivePorts.Any(p => From <= p && p <= To);

    // ICMP carries no port; web ports are the purpose of a public web server.
    public bool Benign => Protocol is "icmp" or "1" or "icmpv6" or "58" || (From >= 0 && To >= From && Enumerable.Range(From, To - From + 1).All(WebPorts.Contains));

    public override string ToString() =>
        $"{Cidr} {(AllPorts ? "all traffic" : $"{Protocol} {(From == To ? From.ToString() : $"{From}-{To}")}")}{(DirectionUnknown ? " (direction unknown)" : "")}";
}

// A /0 prefix admits every address, whatever the address part says.
static bool Anywhere(string cidr) => cidr is not null && cidr.Trim().EndsWith("/0", StringComparison.Ordinal);

// The rule set in the response (recorded since 2021) lists exactly what was added; older records and
// ModifySecurityGroupRules only have the request, flat (cidrIp) or as ipPermissions.
List<Opening> Openings(CloudTrailEvent e)
{
    var all = new List<Opening>();
    var created = Values(e.ResponseElements.Element("securityGroupRuleSet.items")).ToList();
    foreach (var r in created.Where(r => Text(r, "isEgress") != "true"))
    {
        Add(all, Text(r, "cidrIpv4") ?? Text(r, "cidrIpv6"), Text(r, "ipProtocol"), Text(r, "fromPort"), Text(r, "toPort"));
    }

    if (created.Count == 0)
    {
        Add(all, e.RequestParameter("cidrIp"), e.RequestParameter("ipProtocol"), e.RequestParameter("fromPort"), e.RequestParameter("toPort"));
        foreach (var p in Values(e.RequestParameterElement("ipPermissions.items")))
        {
            foreach (var range in Values(Property(Property(p, "ipRanges"), "items")))
            {
                Add(all, Text(range, "cidrIp"), Text(p, "ipProtocol"), Text(p, "fromPort"), Text(p, "toPort"));
            }

            foreach (var range in Values(Property(Property(p, "ipv6Ranges"), "items")))
            {
                Add(all, Text(range, "cidrIpv6"), Text(p, "ipProtocol"), Text(p, "fromPort"), Text(p, "toPort"));
            }
        }

        foreach (var wrapper in Values(e.RequestParameterElement("ModifySecurityGroupRulesRequest.SecurityGroupRule")))
        {
            var r = Property(wrapper, "SecurityGroupRule");
            Add(all, Text(r, "CidrIpv4") ?? Text(r, "CidrIpv6"), Text(r, "IpProtocol"), Text(r, "FromPort"), Text(r, "ToPort"), directionUnknown: true);
        }
    }

    return all.Where(o => Anywhere(o.Cidr) && !o.Benign).ToList();
}

static void Add(List<Opening> list, string cidr, string protocol, string from, string to, bool directionUnknown = false)
{
    if (cidr is null)
    {
        return;
    }

    list.Add(new Opening(cidr, (protocol ?? "-1").ToLowerInvariant(), int.TryParse(from, out var f) ? f : -1, int.TryParse(to, out var t) ? t : -1, directionUnknown));
}

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall && Openings(e).Count > 0;

// High only for a sensitive opening known to be ingress: a rule edited through ModifySecurityGroupRules
// may be an egress rule (Terraform rewriting the default all-traffic egress rule looks the same).
// CloudFormation deploying a stack's groups makes either one step lower.
AlertSeverity Severity(CloudTrailEvent e) =>
    (Openings(e).Any(o => o.Sensitive && !o.DirectionUnknown) ? AlertSeverity.High : AlertSeverity.Medium).LowerWhen(ByCloudFormation(e));

string Group(CloudTrailEvent e) =>
    e.RequestParameter("groupId") ?? e.RequestParameter("ModifySecurityGroupRulesRequest.GroupId") ?? e.RequestParameter("groupName");

string Title(CloudTrailEvent e) => Openings(e).All(o => o.DirectionUnknown)
    ? $"Security group {Group(e)} rule set to allow any address, ingress or egress ({string.Join(", ", Openings(e))}) by {e.ActorName}"
    : $"Security group {Group(e)} opened to the internet ({string.Join(", ", Openings(e))}) by {e.ActorName}";

string Dedup(CloudTrailEvent e) => RegionalKey(e, Group(e));

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    securityGroup = Group(e),
    openings = Openings(e).Select(o => o.ToString()).ToList(),
    ruleIds = Values(e.ResponseElements.Element("securityGroupRuleSet.items")).Select(r => Text(r, "securityGroupRuleId")).ToList(),
});

static JsonElement? Property(JsonElement? obj, string name) =>
    obj is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

static string Text(JsonElement? obj, string name) => Property(obj, name)?.ToString();

// EC2 logs a repeated element as an array and a single one as a bare object.
static IEnumerable<JsonElement> Values(JsonElement? value) => value switch
{
    null => [],
    { ValueKind: JsonValueKind.Array } array => array.EnumerateArray(),
    { ValueKind: JsonValueKind.Object } one => [one],
    _ => [],
};
