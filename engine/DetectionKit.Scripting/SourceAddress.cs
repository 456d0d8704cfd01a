using System.Net;

namespace DetectionKit.Scripting;

/// <summary>
/// A record's <c>sourceIPAddress</c>: an IPv4 or IPv6 address, or, for calls AWS services make, a
/// service name such as <c>ec2.amazonaws.com</c> or the text <c>AWS Internal</c>.
/// </summary>
/// <remarks>
/// The tests on addresses are false for a value that is not an address (a service name, absent):
/// <c>!IsPublic</c> does not mean "private". IPv4 is read only as four decimal octets (leading zeros
/// as decimal, as in anonymised captures).
/// </remarks>
public sealed class SourceAddress
{
    private static readonly Cidr[] PrivateRanges = Ranges("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7");
    private static readonly Cidr[] LoopbackRanges = Ranges("127.0.0.0/8", "::1/128");
    private static readonly Cidr[] LinkLocalRanges = Ranges("169.254.0.0/16", "fe80::/10");

    // Never a caller on the internet either: unspecified, shared address space (carrier-grade NAT),
    // multicast and reserved.
    private static readonly Cidr[] OtherNonPublicRanges = Ranges("0.0.0.0/8", "100.64.0.0/10", "224.0.0.0/4", "240.0.0.0/4", "::/128", "ff00::/8");

    private SourceAddress(string? text)
    {
        Text = text;
        Ip = IpAddressText.TryParse(text, out var ip) ? ip : null;
    }

    /// <summary>The value as the record has it; null when absent.</summary>
    public string? Text { get; }

    /// <summary>The address, when the value is one; null for service names and when absent.</summary>
    public IPAddress? Ip { get; }

    /// <summary>The value is an IPv4 or IPv6 address (<see cref="Ip"/> is not null).</summary>
    public bool IsIp => Ip is not null;

    /// <summary>The call came from inside AWS: a service name (<c>*.amazonaws.com</c>) or <c>AWS Internal</c>, ignoring case.</summary>
    public bool IsAwsService =>
        Text is { } text && (text.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase) || text.Equals("AWS Internal", StringComparison.OrdinalIgnoreCase));

    /// <summary>RFC 1918 IPv4 (10/8, 172.16/12, 192.168/16) or IPv6 unique-local (fc00::/7): a caller inside a VPC or private network.</summary>
    public bool IsPrivate => IsIn(PrivateRanges);

    /// <summary>127.0.0.0/8 or <c>::1</c>.</summary>
    public bool IsLoopback => IsIn(LoopbackRanges);

    /// <summary>169.254/16 or fe80::/10, the instance metadata service's range among others.</summary>
    public bool IsLinkLocal => IsIn(LinkLocalRanges);

    /// <summary>
    /// An address routable on the internet: an IP that is none of private, loopback, link-local, shared
    /// (carrier-grade NAT, 100.64.0.0/10), unspecified, multicast or reserved. False for service names.
    /// </summary>
    public bool IsPublic => IsIp && !IsPrivate && !IsLoopback && !IsLinkLocal && !IsIn(OtherNonPublicRanges);

    /// <summary>Reads any text as a source address, as <see cref="CloudTrailEvent.SourceAddress"/> does; never fails.</summary>
    /// <param name="text">An address, a service name, or null.</param>
    public static SourceAddress Of(string? text) => new(text);

    /// <summary>True when the value is an address in any of the ranges: <c>e.SourceAddress.IsIn("10.0.0.0/8", "198.51.100.7")</c>.</summary>
    /// <param name="cidrs">
    /// Ranges in CIDR notation or bare addresses, read in order until one contains the address; none is
    /// read when the value is not an address.
    /// </param>
    /// <exception cref="FormatException">A range read is neither CIDR notation nor an address: a typo fails the rule's cases rather than never matching.</exception>
    public bool IsIn(params string[] cidrs) => Ip is not null && cidrs.Any(cidr => Cidr.Parse(cidr).Contains(Ip));

    /// <summary>True when the value is an address in any of the ranges, parsed beforehand with <see cref="Cidr.Parse"/>.</summary>
    /// <param name="cidrs">The ranges.</param>
    public bool IsIn(IEnumerable<Cidr> cidrs)
    {
        if (Ip is null)
        {
            return false;
        }

        if (cidrs is IReadOnlyList<Cidr> list)
        {
            // Indexed, so a list costs no enumerator: the public-address checks run on every event.
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i].Contains(Ip))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (var cidr in cidrs)
        {
            if (cidr.Contains(Ip))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value as written (<see cref="Text"/>); empty when absent.</summary>
    public override string ToString() => Text ?? string.Empty;

    private static Cidr[] Ranges(params string[] cidrs) => cidrs.Select(Cidr.Parse).ToArray();
}
