using DetectionKit.Cli.Tests.Support;

namespace DetectionKit.Engine.Tests.Sources.S3;

/// <summary>
/// One real moto_server for every S3 source test of this namespace, started once on a free loopback
/// port; each test reads a fresh bucket of its own on it (see <c>MotoBucket</c>), so the fixtures run
/// side by side.
/// </summary>
[SetUpFixture]
public sealed class MotoS3
{
    private static MotoServer? server;

    public static MotoServer Server => server ?? throw new InvalidOperationException("moto_server is started by the namespace's set-up fixture");

    [OneTimeSetUp]
    public void StartMoto() => server = MotoServer.Start();

    [OneTimeTearDown]
    public void StopMoto()
    {
        server?.Dispose();
        server = null;
    }
}
