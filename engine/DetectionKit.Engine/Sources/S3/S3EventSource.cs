using System.IO.Compression;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Sources.S3;

/// <summary>
/// Reads CloudTrail log objects from a trail bucket as CloudTrail delivers them. Keys are planned by
/// prefix (see <see cref="CloudTrailPrefixPlanner"/>), filtered by the delivery time in their names,
/// and read in delivery order with bounded parallelism: at most <c>Parallelism</c> objects are in
/// flight or parsed and waiting, so memory stays flat however many objects the range holds.
/// </summary>
public sealed class S3EventSource : IEventSource
{
    private readonly IAmazonS3 client;
    private readonly S3SourceOptions options;

    public S3EventSource(IAmazonS3 client, S3SourceOptions options)
    {
        this.client = client;
        this.options = options;
    }

    public S3SourceCounters Counters { get; } = new();

    public async IAsyncEnumerable<EventBatch> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        IReadOnlyList<CloudTrailObject> objects;
        Diagnostic? failure = null;
        try
        {
            objects = await ListAsync(cancellationToken);
        }
        catch (Exception ex) when (IsReadFailure(ex, cancellationToken))
        {
            objects = [];
            failure = Diagnostic.Error(DiagnosticCodes.InputUnreadable, new SourceLocation(options.Location.ToString()), $"cannot list the bucket: {Describe(ex)}");
        }

        if (failure is not null)
        {
            yield return EventBatch.Failed(options.Location.ToString(), failure);
            yield break;
        }

        var inFlight = new Queue<Task<EventBatch>>();
        try
        {
            foreach (var item in objects)
            {
                inFlight.Enqueue(DownloadAsync(item.Name, cancellationToken));
                if (inFlight.Count >= Math.Max(1, options.Parallelism))
                {
                    yield return await inFlight.Dequeue();
                }
            }

            while (inFlight.Count > 0)
            {
                yield return await inFlight.Dequeue();
            }
        }
        finally
        {
            // Stopped early (cancelled, or the consumer stopped): release what was prefetched.
            while (inFlight.Count > 0)
            {
                try
                {
                    (await inFlight.Dequeue()).Dispose();
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
    }

    private async Task<IReadOnlyList<CloudTrailObject>> ListAsync(CancellationToken cancellationToken)
    {
        var prefixes = await new CloudTrailPrefixPlanner(client, options, Counters).PlanAsync(cancellationToken);
        var found = new List<CloudTrailObject>();
        foreach (var prefix in prefixes)
        {
            string? token = null;
            do
            {
                Counters.Listed();
                var response = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = options.Location.Bucket, Prefix = prefix, ContinuationToken = token }, cancellationToken);
                foreach (var item in response.S3Objects ?? [])
                {
                    Classify(item.Key, found);
                }

                token = response.IsTruncated == true ? response.NextContinuationToken : null;
            }
            while (token is not null);
        }

        return found.OrderBy(o => o.Key.DeliveredAt).ThenBy(o => o.Name, StringComparer.Ordinal).ToList();
    }

    private void Classify(string key, List<CloudTrailObject> found)
    {
        var parsed = CloudTrailObjectKey.Parse(key);
        if (parsed?.IsDigest == true || key.Contains("/CloudTrail-Digest/", StringComparison.Ordinal))
        {
            Counters.Digest();
        }
        else if (parsed is null)
        {
            Counters.Other();
        }
        else if (!options.Contains(parsed.DeliveredAt))
        {
            Counters.OutsideRange();
        }
        else if (options.IsProcessed?.Invoke(key) == true)
        {
            Counters.Processed();
        }
        else
        {
            Counters.LogObject();
            found.Add(new CloudTrailObject(key, parsed));
        }
    }

    private async Task<EventBatch> DownloadAsync(string key, CancellationToken cancellationToken)
    {
        var origin = $"s3://{options.Location.Bucket}/{key}";
        try
        {
            using var response = await client.GetObjectAsync(options.Location.Bucket, key, cancellationToken);
            await using var body = key.EndsWith(".gz", StringComparison.Ordinal)
                ? new GZipStream(response.ResponseStream, CompressionMode.Decompress)
                : response.ResponseStream;
            var batch = await CloudTrailJsonReader.ReadAsync(origin, body, cancellationToken);
            Counters.Download();
            return batch.WithSourceKey(key);
        }
        catch (Exception ex) when (IsReadFailure(ex, cancellationToken))
        {
            return EventBatch.Failed(origin, Diagnostic.Error(DiagnosticCodes.InputUnreadable, new SourceLocation(origin), $"cannot read the object: {Describe(ex)}"));
        }
    }

    /// <summary>
    /// What can go wrong between here and the bucket: the service's answers, the client's own checks
    /// (no region), the network, and timeouts, which reach us as cancellations the caller did not ask for.
    /// A run reports them and goes on; anything else is a bug and is left to surface.
    /// </summary>
    private static bool IsReadFailure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        AmazonServiceException or AmazonClientException or HttpRequestException or IOException or InvalidDataException or TimeoutException => true,
        _ => false,
    };

    private static string Describe(Exception ex) => ex switch
    {
        AmazonServiceException service => $"{service.ErrorCode ?? service.StatusCode.ToString()}: {service.Message}",
        OperationCanceledException => $"timed out: {ex.Message}",
        { InnerException: { } inner } when !ex.Message.Contains(inner.Message, StringComparison.Ordinal) => $"{ex.Message} ({inner.Message})",
        _ => ex.Message,
    };

    private sealed record CloudTrailObject(string Name, CloudTrailObjectKey Key);
}
