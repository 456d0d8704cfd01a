using Amazon;
using Amazon.Runtime;
using Amazon.SQS;

namespace DetectionKit.Engine.Aws;

/// <summary>
/// Builds the SQS client from the standard AWS chain, as <see cref="Sources.S3.S3ClientFactory"/> builds
/// S3's: an endpoint, given explicitly or by <c>AWS_ENDPOINT_URL_SQS</c> / <c>AWS_ENDPOINT_URL</c>, points it
/// at an SQS-compatible server; with no region anywhere in the chain, us-east-1.
/// </summary>
public static class SqsClientFactory
{
    public static IAmazonSQS Create(string? endpointUrl = null)
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
        else
        {
            config.RegionEndpoint = !string.IsNullOrEmpty(region) ? RegionEndpoint.GetBySystemName(region) : FallbackRegionFactory.GetRegionEndpoint() ?? RegionEndpoint.USEast1;
        }

        return new AmazonSQSClient(config);
    }
}
