using System.IO.Compression;
using System.Security.Cryptography;
using DetectionKit.Engine.Sources.Reading;

namespace DetectionKit.Engine.Integrity;

/// <summary>
/// The SHA-256 of an object's uncompressed content, computed as it streams in: gzip (recognised by its
/// magic bytes; several members are read as one stream, as gzip tools do) is inflated on the way and
/// nothing is held beyond one buffer. What comes out past <c>maxBytes</c> stops the hash (a gzip bomb).
/// </summary>
internal static class ContentHash
{
    public static async Task<string> Sha256HexAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        var head = new byte[2];
        var got = await body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (got == 2 && head[0] == 0x1f && head[1] == 0x8b)
        {
            await using var gzip = new GZipStream(new PrefixedStream(head, body), CompressionMode.Decompress);
            await AppendAsync(hash, gzip, maxBytes, cancellationToken);
        }
        else
        {
            hash.AppendData(head, 0, got);
            await AppendAsync(hash, body, maxBytes - got, cancellationToken);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task AppendAsync(IncrementalHash hash, Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                throw new InvalidDataException($"it expands past {maxBytes:N0} bytes (the input limit)");
            }

            hash.AppendData(buffer, 0, read);
        }
    }
}
