using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace DetectionKit.Scripting;

/// <summary>
/// An IPv4 or IPv6 address range in CIDR notation, <c>10.0.0.0/8</c> or <c>2001:db8::/32</c>; a bare
/// address is a range of one. Parse ranges once, in a static field, when a rule tests many events
/// against them (<see cref="SourceAddress.IsIn(IEnumerable{Cidr})"/>).
/// </summary>
public sealed class Cidr
{
    private readonly byte[] network;

    private Cidr(byte[] network, int prefixLength)
    {
        this.network = network;
        PrefixLength = prefixLength;
    }

    /// <summary>The first address of the range: the address as written with its host bits cleared (<c>10.1.2.3/8</c> is <c>10.0.0.0/8</c>).</summary>
    public IPAddress Network => new(network);

    /// <summary>The number of network bits: 8 in <c>10.0.0.0/8</c>; 32 (IPv4) or 128 (IPv6) for a bare address.</summary>
    public int PrefixLength { get; }

    /// <summary>Parses <c>address/length</c> or a bare address, as <see cref="TryParse"/> reads them.</summary>
    /// <param name="text">The range: <c>10.0.0.0/8</c>, <c>2001:db8::/32</c>, <c>198.51.100.7</c>.</param>
    /// <exception cref="FormatException"><paramref name="text"/> is not a range.</exception>
    public static Cidr Parse(string text) =>
        TryParse(text, out var cidr) ? cidr : throw new FormatException($"'{text}' is not an IP address range in CIDR notation (like 10.0.0.0/8)");

    /// <summary>
    /// Parses <c>address/length</c> or a bare address. IPv4 must be four decimal octets (leading zeros
    /// are read as decimal, not octal); IPv6 any standard form. The length is decimal digits, at most 32
    /// for IPv4 and 128 for IPv6.
    /// </summary>
    /// <param name="text">The text to read; may be null.</param>
    /// <param name="cidr">The range; null when the method returns false.</param>
    /// <returns>False for null and for anything that is not a range.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Cidr? cidr)
    {
        cidr = null;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (!IpAddressText.TryParse(slash < 0 ? text : text![..slash], out var address))
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        var length = bytes.Length * 8;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out length) || length > bytes.Length * 8))
        {
            return false;
        }

        // Keep only the network bits, so 10.1.2.3/8 is the range 10.0.0.0/8.
        for (var bit = length; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        cidr = new Cidr(bytes, length);
        return true;
    }

    /// <summary>
    /// True when the address is in the range. An IPv4-mapped IPv6 address (<c>::ffff:10.1.2.3</c>) counts
    /// as its IPv4 address in an IPv4 range; otherwise an address of the other family is never in it.
    /// </summary>
    /// <param name="address">The address; null is in no range.</param>
    public bool Contains(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        // Written into the stack, not allocated: this runs for every range of every check of every event.
        Span<byte> bytes = stackalloc byte[16];
        var candidate = address.IsIPv4MappedToIPv6 && network.Length == 4 ? address.MapToIPv4() : address;
        if (!candidate.TryWriteBytes(bytes, out var written) || written != network.Length)
        {
            return false;
        }

        var whole = PrefixLength / 8;
        var rest = PrefixLength % 8;
        return bytes[..whole].SequenceEqual(network.AsSpan(0, whole))
            && (rest == 0 || (bytes[whole] & (byte)(0xFF << (8 - rest))) == network[whole]);
    }

    /// <summary>True when the text is an IP address in the range; false for anything else (null, empty, a service name).</summary>
    /// <param name="address">The address as text, read as strictly as in <see cref="TryParse"/>.</param>
    public bool Contains(string? address) => IpAddressText.TryParse(address, out var ip) && Contains(ip);

    /// <summary>The range in CIDR notation, normalised: <c>10.0.0.0/8</c> for <c>10.1.2.3/8</c>, <c>198.51.100.7/32</c> for a bare address.</summary>
    public override string ToString() => $"{Network}/{PrefixLength}";
}
