using DetectionKit.Engine.Compilation.Caching;

namespace DetectionKit.Cli.Tests;

/// <summary>
/// The commands these tests run, in process and as the built binary, share one compiled-rule cache in
/// a temporary folder: never the user's own, and warm after the first command that compiles a rule set.
/// </summary>
[SetUpFixture]
public sealed class IsolatedRuleCache
{
    private string? folder;
    private string? previous;

    [OneTimeSetUp]
    public void PointTheCacheAtATemporaryFolder()
    {
        previous = Environment.GetEnvironmentVariable(CacheFolder.Variable);
        folder = Directory.CreateTempSubdirectory("detectionkit-cli-cache-").FullName;
        Environment.SetEnvironmentVariable(CacheFolder.Variable, folder);
    }

    [OneTimeTearDown]
    public void RemoveIt()
    {
        Environment.SetEnvironmentVariable(CacheFolder.Variable, previous);
        if (folder is not null && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
