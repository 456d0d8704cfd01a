using DetectionKit.Cli.Tests.Support;

namespace DetectionKit.Engine.Tests.Queueing;

/// <summary>One real moto_server (SQS and S3) for the queue worker tests; each test makes its own bucket and queues on it.</summary>
[SetUpFixture]
public sealed class MotoQueues
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
