using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace DetectionKit.Scripting;

/// <summary>An IPv4 or IPv6 address range in CIDR notation, <c>10.0.0.0/8</c> or <c>2001:db8::/32</c>; a bare address is a range of one.</summary>
public sealed class Cidr
{
    private readonly byte[] network;

    private Cidr(byte[] network, int prefixLength)
    {
        this.network = network;
        PrefixLength = prefixLength;
    }

    /// <summary>The first address of the range.</summary>
    public IPAddress Network => new(network);

    public int PrefixLength { get; }

    /// <summary>Parses <c>address/length</c> or a bare address; throws <see cref="FormatException"/> otherwise.</summary>
    public static Cidr Parse(string text) =>
        TryParse(text, out var cidr) ? cidr : throw new FormatException($"'{text}' is not an IP address range in CIDR notation (like 10.0.0.0/8)");

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

    /// <summary>True when the address is in the range. IPv4-mapped IPv6 addresses count as their IPv4 address.</summary>
    public bool Contains(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        var bytes = (address.IsIPv4MappedToIPv6 && network.Length == 4 ? address.MapToIPv4() : address).GetAddressBytes();
        if (bytes.Length != network.Length)
        {
            return false;
        }

        var whole = PrefixLength / 8;
        var rest = PrefixLength % 8;
        return bytes.AsSpan(0, whole).SequenceEqual(network.AsSpan(0, whole))
            && (rest == 0 || (bytes[whole] & (byte)(0xFF << (8 - rest))) == network[whole]);
    }

    /// <summary>True when the text is an IP address in the range; false for anything else (a service name, empty).</summary>
    public bool Contains(string? address) => IpAddressText.TryParse(address, out var ip) && Contains(ip);

    public override string ToString() => $"{Network}/{PrefixLength}";
}
