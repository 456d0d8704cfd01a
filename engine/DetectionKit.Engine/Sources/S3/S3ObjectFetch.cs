using Amazon.Runtime;
using Amazon.S3;
using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Sources.S3;

/// <summary>
/// Fetches one S3 object as a batch to read: its bytes as stored (compressed), into memory when small
/// and a temporary file otherwise, so that what waits to be read is bounded; the records are parsed
/// when the batch is read. A failure of the service, the network or the client is the batch's problem,
/// not an exception. Used by listings of a trail bucket and by queue workers alike.
/// </summary>
public static class S3ObjectFetch
{
    /// <param name="client">The S3 client.</param>
    /// <param name="bucket">The bucket's name.</param>
    /// <param name="key">The object's key.</param>
    /// <param name="limits">How much the object may make the engine read and hold.</param>
    /// <param name="sourceKey">What the batch is checkpointed by; the key when null.</param>
    /// <param name="cancellationToken">Stops the download.</param>
    public static async Task<EventBatch> FetchAsync(IAmazonS3 client, string bucket, string key, ReadLimits limits, string? sourceKey, CancellationToken cancellationToken)
    {
        var origin = $"s3://{bucket}/{key}";
        try
        {
            using var response = await client.GetObjectAsync(bucket, key, cancellationToken);
            var body = await DownloadedObject.FetchAsync(response.ResponseStream, cancellationToken);
            var batch = EventBatch.Open(origin, body.Open, limits, body.Dispose, sourceKey: sourceKey ?? key);
            batch.SourceVersion = response.ETag;
            batch.SourceSize = response.ContentLength;
            return batch;
        }
        catch (Exception ex) when (IsReadFailure(ex, cancellationToken))
        {
            return EventBatch.Failed(origin, Diagnostic.Error(DiagnosticCodes.InputUnreadable, new SourceLocation(origin), $"cannot read the object: {Describe(ex)}"), sourceKey: sourceKey ?? key);
        }
    }

    /// <summary>
    /// What can go wrong between here and AWS: the service's answers, the client's own checks (no
    /// region), the network, and timeouts, which reach us as cancellations the caller did not ask for.
    /// A run reports them and goes on; anything else is a bug and is left to surface.
    /// </summary>
    public static bool IsReadFailure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        AmazonServiceException or AmazonClientException or HttpRequestException or IOException or InvalidDataException or TimeoutException => true,

        // A profile's credential_process that fails (the SDK's exception for it is not an AmazonClientException).
        ProcessAWSCredentialException => true,
        _ => false,
    };

    /// <summary>An AWS failure in a sentence: the service's error code and message, or what timed out.</summary>
    public static string Describe(Exception ex) => ex switch
    {
        AmazonServiceException service => $"{service.ErrorCode ?? service.StatusCode.ToString()}: {service.Message}",
        // A request that outlives the client's timeout reaches here as a TimeoutException (the SDK's) or a cancellation (HttpClient's).
        OperationCanceledException or TimeoutException => $"timed out: {ex.Message}",
        { InnerException: { } inner } when !ex.Message.Contains(inner.Message, StringComparison.Ordinal) => $"{ex.Message} ({inner.Message})",
        _ => ex.Message,
    };
}
