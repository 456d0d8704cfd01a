using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using DetectionKit.Engine.Sources.S3;

using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Support;

/// <summary>
/// The real S3 client with its two calls the source makes (ListObjectsV2 with prefix, delimiter and
/// pages; GetObject) answered from memory. Every call is recorded in order, and a call can be made
/// to fail, so the S3 source's planning, ordering and failure handling are tested without a server.
/// </summary>
internal sealed class InMemoryBucket : AmazonS3Client
{
    public const string Name = "trail-bucket";

    private readonly SortedDictionary<string, byte[]> objects = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> calls = new();
    private int sequence;

    public InMemoryBucket()
        : base(new AnonymousAWSCredentials(), new AmazonS3Config { ServiceURL = "http://127.0.0.1:1", ForcePathStyle = true, AuthenticationRegion = "us-east-1" })
    {
    }

    /// <summary>Keys per listing page when no delimiter is given.</summary>
    public int PageSize { get; init; } = 1000;

    /// <summary>An exception to throw for a listing (by prefix), or null to answer it.</summary>
    public Func<string, Exception?> FailListing { get; set; } = _ => null;

    /// <summary>An exception to throw for a download (by key), or null to answer it.</summary>
    public Func<string, Exception?> FailDownload { get; set; } = _ => null;

    /// <summary><c>list PREFIX</c>, <c>folders PREFIX</c> (delimiter listings) and <c>get KEY</c>, in the order they were made.</summary>
    public IReadOnlyList<string> Calls => calls.ToList();

    public IEnumerable<string> Listings => Calls.Where(c => !c.StartsWith("get ", StringComparison.Ordinal));

    public static S3Uri Location(string prefix = "") => new(Name, prefix);

    public void Put(string key, byte[] body) => objects[key] = body;

    /// <summary>Puts records as one gzipped log object in the delivery layout; returns the key.</summary>
    public string PutLog(DateTimeOffset deliveredAt, string account = Some.AccountId, string region = "us-east-1", string? organizationId = null, string prefix = "", string kind = "CloudTrail", params JsonObject[] records)
    {
        var org = organizationId is null ? string.Empty : organizationId + "/";
        var stamp = deliveredAt.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture);
        var key = $"{prefix}AWSLogs/{org}{account}/{kind}/{region}/{deliveredAt.UtcDateTime:yyyy/MM/dd}/{account}_{kind}_{region}_{stamp}_{Interlocked.Increment(ref sequence):D4}abcd.json.gz";
        var content = records.Length == 0 ? [Some.Record(eventId: key)] : records;
        Put(key, Gzip.Compress(Some.Delivery(content)));
        return key;
    }

    public override Task<ListObjectsV2Response> ListObjectsV2Async(ListObjectsV2Request request, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var prefix = request.Prefix ?? string.Empty;
        calls.Enqueue($"{(string.IsNullOrEmpty(request.Delimiter) ? "list" : "folders")} {prefix}");
        if (FailListing(prefix) is { } failure)
        {
            return Task.FromException<ListObjectsV2Response>(failure);
        }

        var under = objects.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal));
        if (!string.IsNullOrEmpty(request.Delimiter))
        {
            var split = under.Select(k => (Key: k, At: k.IndexOf(request.Delimiter, prefix.Length, StringComparison.Ordinal))).ToList();
            return Task.FromResult(new ListObjectsV2Response
            {
                S3Objects = split.Where(s => s.At < 0).Select(s => Object(s.Key)).ToList(),
                CommonPrefixes = split.Where(s => s.At >= 0).Select(s => s.Key[..(s.At + request.Delimiter.Length)]).Distinct().ToList(),
                IsTruncated = false,
            });
        }

        var after = request.ContinuationToken;
        var page = under.Where(k => after is null || string.CompareOrdinal(k, after) > 0).Take(PageSize + 1).ToList();
        var truncated = page.Count > PageSize;
        page = page.Take(PageSize).ToList();
        return Task.FromResult(new ListObjectsV2Response
        {
            S3Objects = page.Select(Object).ToList(),
            IsTruncated = truncated,
            NextContinuationToken = truncated ? page[^1] : null,
        });
    }

    public override Task<GetObjectResponse> GetObjectAsync(string bucketName, string key, CancellationToken cancellationToken = default) =>
        GetObjectAsync(new GetObjectRequest { BucketName = bucketName, Key = key }, cancellationToken);

    public override async Task<GetObjectResponse> GetObjectAsync(GetObjectRequest request, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        calls.Enqueue($"get {request.Key}");
        await Task.Yield();
        if (FailDownload(request.Key) is { } failure)
        {
            throw failure;
        }

        if (!objects.TryGetValue(request.Key, out var body))
        {
            throw new AmazonS3Exception("The specified key does not exist.") { ErrorCode = "NoSuchKey", StatusCode = HttpStatusCode.NotFound };
        }

        return new GetObjectResponse { BucketName = request.BucketName, Key = request.Key, ResponseStream = new MemoryStream(body) };
    }

    private S3Object Object(string key) => new() { BucketName = Name, Key = key, Size = objects[key].Length };
}
