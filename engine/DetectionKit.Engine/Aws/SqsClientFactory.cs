using Amazon;
using Amazon.Runtime;
using Amazon.SQS;

namespace DetectionKit.Engine.Aws;

/// <summary>
/// Builds the SQS client from the standard AWS chain, as <see cref="Sources.S3.S3ClientFactory"/> builds
/// S3's: an endpoint, given explicitly or by <c>AWS_ENDPOINT_URL_SQS</c> / <c>AWS_ENDPOINT_URL</c>, points it
/// at an SQS-compatible server. Against AWS, the region is the queue URL's
/// (<c>https://sqs.REGION.amazonaws.com/...</c>) when one is given, else the chain's, else us-east-1.
/// </summary>
public static class SqsClientFactory
{
    /// <param name="endpointUrl">An SQS-compatible endpoint; the environment's, or AWS, when null.</param>
    /// <param name="queueUrl">The queue the client is for: its host names its region.</param>
    public static IAmazonSQS Create(string? endpointUrl = null, string? queueUrl = null)
    {
        var endpoint = endpointUrl
            ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_SQS")
            ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
        var region = Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION");
        var config = new AmazonSQSConfig();
        if (!string.IsNullOrEmpty(endpoint))
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region ?? "us-east-1";
        }
        else if (RegionOf(queueUrl) is { } queueRegion)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(queueRegion);
        }
        else
        {
            config.RegionEndpoint = !string.IsNullOrEmpty(region) ? RegionEndpoint.GetBySystemName(region) : FallbackRegionFactory.GetRegionEndpoint() ?? RegionEndpoint.USEast1;
        }

        return new AmazonSQSClient(config);
    }

    /// <summary>The region in an AWS queue URL's host (<c>sqs.eu-west-1.amazonaws.com</c>); null for any other URL.</summary>
    private static string? RegionOf(string? queueUrl)
    {
        if (queueUrl is null || !Uri.TryCreate(queueUrl, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var parts = uri.Host.Split('.');
        return parts.Length >= 4 && parts[0] == "sqs" && parts[^2] == "amazonaws" ? parts[1] : null;
    }
}
