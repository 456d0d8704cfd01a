using DetectionKit.Cli.Tests.Support;

namespace DetectionKit.Cli.Tests.S3;

/// <summary>One moto_server for all S3 tests of this namespace; the SDK finds it through the environment.</summary>
[SetUpFixture]
public sealed class MotoFixture
{
    public static MotoServer Server { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartMoto()
    {
        Server = MotoServer.Start();
        foreach (var (name, value) in Server.Environment)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    [OneTimeTearDown]
    public void StopMoto()
    {
        foreach (var name in Server.Environment.Keys)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        Server.Dispose();
    }
}
