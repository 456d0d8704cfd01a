using System.IO.Compression;
using Amazon.S3;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.Sources.Reading;
using DetectionKit.Engine.Sources.S3;

namespace DetectionKit.Engine.Integrity;

/// <summary>
/// Fetches the objects verification reads: digest files whole (they are small; the decompressed JSON is
/// bounded by the largest record the engine holds), log files only as the SHA-256 of their uncompressed
/// content, hashed as they stream. Failures are values (<see cref="ObjectRead"/>), as S3 sources report them.
/// </summary>
internal sealed class IntegrityObjects(IAmazonS3 client, ReadLimits limits)
{
    public Task<ObjectRead> GetDigestAsync(string bucket, string key, CancellationToken cancellationToken) =>
        FetchAsync(bucket, key, async (body, metadata) =>
        {
            var content = await ReadDigestAsync(body, cancellationToken);
            return new ObjectRead { Content = content, Sha256Hex = DigestSignature.Sha256Hex(content), Metadata = metadata };
        }, cancellationToken);

    public Task<ObjectRead> HashLogAsync(string bucket, string key, CancellationToken cancellationToken) =>
        FetchAsync(bucket, key, async (body, metadata) => new ObjectRead { Sha256Hex = await ContentHash.Sha256HexAsync(body, limits.MaxObjectBytes, cancellationToken), Metadata = metadata }, cancellationToken);

    private static async Task<ObjectRead> FetchAsync(IAmazonS3 client, string bucket, string key, Func<Stream, IReadOnlyDictionary<string, string>, Task<ObjectRead>> read, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetObjectAsync(bucket, key, cancellationToken);
            var metadata = response.Metadata.Keys.ToDictionary(k => k.ToLowerInvariant(), k => response.Metadata[k], StringComparer.OrdinalIgnoreCase);
            try
            {
                return await read(response.ResponseStream, metadata);
            }
            catch (InvalidDataException ex)
            {
                return new ObjectRead { Unreadable = ex.Message, Metadata = metadata };
            }
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchKey" || ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return new ObjectRead { NotFound = true };
        }
        catch (Exception ex) when (S3ObjectFetch.IsReadFailure(ex, cancellationToken))
        {
            return new ObjectRead { Failure = S3ObjectFetch.Describe(ex) };
        }
    }

    private Task<ObjectRead> FetchAsync(string bucket, string key, Func<Stream, IReadOnlyDictionary<string, string>, Task<ObjectRead>> read, CancellationToken cancellationToken) =>
        FetchAsync(client, bucket, key, read, cancellationToken);

    /// <summary>A digest's decompressed bytes; CloudTrail delivers digests gzipped, and anything else is not one.</summary>
    private async Task<byte[]> ReadDigestAsync(Stream body, CancellationToken cancellationToken)
    {
        var head = new byte[2];
        var got = await body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (got < 2 || head[0] != 0x1f || head[1] != 0x8b)
        {
            throw new InvalidDataException("not gzip, as CloudTrail delivers digest files");
        }

        using var content = new MemoryStream();
        await using var gzip = new GZipStream(new PrefixedStream(head, body), CompressionMode.Decompress);
        var buffer = new byte[81920];
        int read;
        while ((read = await gzip.ReadAsync(buffer, cancellationToken)) > 0)
        {
            content.Write(buffer, 0, read);
            if (content.Length > limits.MaxRecordBytes)
            {
                throw new InvalidDataException($"it expands past {limits.MaxRecordBytes:N0} bytes (the record limit)");
            }
        }

        return content.ToArray();
    }
}
