using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace DetectionKit.Engine.Aws;

/// <summary>
/// Builds the DynamoDB client of a <c>dynamodb://TABLE</c> state from the standard AWS chain, as
/// <see cref="SqsClientFactory"/> builds SQS's: an endpoint, given explicitly or by
/// <c>AWS_ENDPOINT_URL_DYNAMODB</c> / <c>AWS_ENDPOINT_URL</c>, points it at a DynamoDB-compatible server
/// (moto, DynamoDB Local); otherwise the region is the chain's (<c>AWS_REGION</c>, the profile, the
/// instance), else us-east-1.
/// </summary>
public static class DynamoDbClientFactory
{
    /// <param name="endpointUrl">A DynamoDB-compatible endpoint; the environment's, or AWS, when null.</param>
    public static IAmazonDynamoDB Create(string? endpointUrl = null)
    {
        var endpoint = endpointUrl
            ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_DYNAMODB")
            ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
        var region = Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION");
        var config = new AmazonDynamoDBConfig();
        if (!string.IsNullOrEmpty(endpoint))
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region ?? "us-east-1";
        }
        else
        {
            config.RegionEndpoint = !string.IsNullOrEmpty(region) ? RegionEndpoint.GetBySystemName(region) : FallbackRegionFactory.GetRegionEndpoint() ?? RegionEndpoint.USEast1;
        }

        return new AmazonDynamoDBClient(config);
    }
}
