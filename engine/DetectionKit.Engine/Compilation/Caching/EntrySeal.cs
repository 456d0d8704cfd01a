using System.Buffers.Binary;
using System.Security.Cryptography;

namespace DetectionKit.Engine.Compilation.Caching;

/// <summary>
/// Seals a cache entry with an HMAC-SHA256 over all of it under the machine's cache key, and opens
/// only entries whose seal holds: an entry anyone else wrote or changed, or that was cut short, is
/// refused with the reason, never read. The layout is a magic, the format version, the payload's
/// length, the payload, and the HMAC of everything before it.
/// </summary>
internal static class EntrySeal
{
    private const int HeaderLength = 16;
    private const int MacLength = 32;
    private static readonly byte[] Magic = "DKRC"u8.ToArray();

    public static byte[] Seal(byte[] payload, byte[] key)
    {
        var entry = new byte[HeaderLength + payload.Length + MacLength];
        Magic.CopyTo(entry, 0);
        BinaryPrimitives.WriteInt32LittleEndian(entry.AsSpan(4), CacheKey.FormatVersion);
        BinaryPrimitives.WriteInt64LittleEndian(entry.AsSpan(8), payload.Length);
        payload.CopyTo(entry, HeaderLength);
        HMACSHA256.HashData(key, entry.AsSpan(0, HeaderLength + payload.Length), entry.AsSpan(HeaderLength + payload.Length));
        return entry;
    }

    /// <summary>The payload of an entry whose seal holds; null with the reason otherwise.</summary>
    public static ReadOnlyMemory<byte>? Open(byte[] entry, byte[] key, out string? refusal)
    {
        refusal = null;
        if (entry.Length < HeaderLength || !entry.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            refusal = entry.Length < HeaderLength ? "the entry is truncated" : "the file is not a rule cache entry";
            return null;
        }

        if (BinaryPrimitives.ReadInt32LittleEndian(entry.AsSpan(4)) != CacheKey.FormatVersion)
        {
            refusal = "the entry was written by another version of the cache";
            return null;
        }

        var length = BinaryPrimitives.ReadInt64LittleEndian(entry.AsSpan(8));
        if (length < 0 || length != entry.Length - HeaderLength - MacLength)
        {
            refusal = length > entry.Length - HeaderLength - MacLength ? "the entry is truncated" : "the entry's length does not match its header";
            return null;
        }

        Span<byte> expected = stackalloc byte[MacLength];
        HMACSHA256.HashData(key, entry.AsSpan(0, HeaderLength + (int)length), expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, entry.AsSpan(HeaderLength + (int)length)))
        {
            refusal = "the entry failed authentication (changed since it was written, or written with another key)";
            return null;
        }

        return entry.AsMemory(HeaderLength, (int)length);
    }
}
