using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace DetectionKit.Engine.Sources.S3;

/// <summary>
/// Builds the S3 client from the standard AWS chain (environment, profile, instance role). An
/// endpoint, given explicitly or by <c>AWS_ENDPOINT_URL_S3</c> / <c>AWS_ENDPOINT_URL</c>, points it at an
/// S3-compatible server with path-style addressing. With no region anywhere in the chain the client
/// uses us-east-1; set <c>AWS_REGION</c> to the bucket's region.
/// </summary>
public static class S3ClientFactory
{
    public static IAmazonS3 Create(string? endpointUrl = null)
    {
        var endpoint = endpointUrl
            ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_S3")
            ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
        var region = Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION");
        var config = new AmazonS3Config();
        if (!string.IsNullOrEmpty(endpoint))
        {
            config.ServiceURL = endpoint;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = region ?? "us-east-1";
        }
        else if (!string.IsNullOrEmpty(region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        else
        {
            // The SDK would throw "No RegionEndpoint or ServiceURL configured" from the constructor;
            // a profile or instance region still wins, and us-east-1 is where S3 answers by default.
            config.RegionEndpoint = FallbackRegionFactory.GetRegionEndpoint() ?? RegionEndpoint.USEast1;
        }

        return new AmazonS3Client(config);
    }
}
