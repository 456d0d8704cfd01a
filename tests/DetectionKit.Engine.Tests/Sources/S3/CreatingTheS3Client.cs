using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using DetectionKit.Engine.Sources.S3;

namespace DetectionKit.Engine.Tests.Sources.S3;

/// <summary>The client factory reads the process environment; each test sets exactly what it is about.</summary>
[NonParallelizable]
public sealed class CreatingTheS3Client
{
    private static readonly string[] Variables =
        ["AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_EC2_METADATA_DISABLED"];

    private readonly Dictionary<string, string?> saved = [];

    [SetUp]
    public void IsolateFromTheMachine()
    {
        foreach (var name in Variables)
        {
            saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, null);
        }

        // No profile, no instance metadata: nothing names a region unless the test does.
        var nowhere = Path.Combine(Path.GetTempPath(), "detectionkit-no-aws-config-" + Guid.NewGuid().ToString("N"));
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", nowhere);
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", nowhere);
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        FallbackRegionFactory.Reset();
    }

    [TearDown]
    public void Restore()
    {
        foreach (var (name, value) in saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        FallbackRegionFactory.Reset();
    }

    [Test]
    public void WithNoRegionAndNoEndpointTheClientFallsBackToUsEast1()
    {
        using var client = S3ClientFactory.Create();

        Assert.That(client.Config.RegionEndpoint, Is.EqualTo(RegionEndpoint.USEast1));
    }

    [Test]
    public void AwsRegionChoosesTheRegion()
    {
        Environment.SetEnvironmentVariable("AWS_REGION", "eu-west-1");

        using var client = S3ClientFactory.Create();

        Assert.That(client.Config.RegionEndpoint, Is.EqualTo(RegionEndpoint.EUWest1));
    }

    [Test]
    public void AnEndpointUsesPathStyleAddressing()
    {
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", "http://127.0.0.1:9");

        using var client = S3ClientFactory.Create();

        Assert.That(client.Config.ServiceURL, Does.StartWith("http://127.0.0.1:9"));
        Assert.That(((AmazonS3Config)client.Config).ForcePathStyle, Is.True);
    }
}
