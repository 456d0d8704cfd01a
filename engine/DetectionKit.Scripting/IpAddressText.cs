using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DetectionKit.Scripting;

/// <summary>Strict reading of an IP address as CloudTrail writes one.</summary>
internal static class IpAddressText
{
    /// <summary>
    /// IPv4 only as four decimal octets (leading zeros allowed, as in anonymised captures, and read as
    /// decimal, not octal); IPv6 in any standard form. <see cref="IPAddress.TryParse(string?, out IPAddress?)"/>
    /// alone would also take <c>"1"</c> or <c>"10.1"</c> and read <c>"010"</c> as octal.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(text, out address) && address.AddressFamily == AddressFamily.InterNetworkV6;
        }

        // Strict dotted quad, read without allocating: every event's source address goes through here.
        Span<Range> octets = stackalloc Range[5];
        Span<byte> bytes = stackalloc byte[4];
        var span = text.AsSpan();
        if (span.Split(octets, '.') != 4)
        {
            return false;
        }

        for (var i = 0; i < 4; i++)
        {
            var octet = span[octets[i]];
            if (octet.Length is 0 or > 3 || octet.ContainsAnyExceptInRange('0', '9')
                || !byte.TryParse(octet, NumberStyles.None, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return false;
            }
        }

        address = new IPAddress(bytes);
        return true;
    }
}
