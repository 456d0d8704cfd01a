using DetectionKit.Cli.Tests.Support;

namespace DetectionKit.Engine.Tests;

/// <summary>
/// One real moto_server (S3, SQS, KMS) for every test of this assembly that talks to AWS, started once
/// on a free loopback port; each test makes a fresh bucket or queue of its own on it (see
/// <c>MotoBucket</c>), so the fixtures run side by side.
/// </summary>
[SetUpFixture]
public sealed class Moto
{
    private static MotoServer? server;

    public static MotoServer Server => server ?? throw new InvalidOperationException("moto_server is started by the assembly's set-up fixture");

    [OneTimeSetUp]
    public void StartMoto() => server = MotoServer.Start();

    [OneTimeTearDown]
    public void StopMoto()
    {
        server?.Dispose();
        server = null;
    }
}
