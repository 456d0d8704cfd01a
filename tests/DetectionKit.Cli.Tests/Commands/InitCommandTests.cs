using DetectionKit.Cli.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Cli.Tests.Commands;

/// <summary><c>init workflow</c> writes paths as given and checks them from the working directory, so these tests move it.</summary>
[NonParallelizable]
public sealed class InitCommandTests
{
    private string previous = string.Empty;

    [SetUp]
    public void RememberTheWorkingDirectory() => previous = Environment.CurrentDirectory;

    [TearDown]
    public void RestoreIt() => Environment.CurrentDirectory = previous;

    [Test]
    public void TheCommittedWorkflowIsWhatTheCommandWritesForThisRepository()
    {
        using var workspace = new RulesWorkspace();
        var written = Path.Combine(workspace.Root, "rules.yml");
        Environment.CurrentDirectory = RepositoryPaths.Root;

        var result = Shell.Run("init", "workflow", "--settings", "docs/example.settings.yml", "--tool-project", "engine/DetectionKit.Cli", "--out", written);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(File.ReadAllText(written), Is.EqualTo(File.ReadAllText(Path.Combine(RepositoryPaths.Root, ".github", "workflows", "rules.yml"))));
    }

    [Test]
    public void ItWritesTheWorkflowOnceAndKeepsAChangedOneWithoutForce()
    {
        using var workspace = new RulesWorkspace();
        Environment.CurrentDirectory = workspace.Root;
        var path = Path.Combine(workspace.Root, ".github", "workflows", "rules.yml");

        var first = Shell.Run("init", "workflow");
        var again = Shell.Run("init", "workflow");
        File.AppendAllText(path, "# a local change\n");
        var refused = Shell.Run("init", "workflow");
        var changed = File.ReadAllText(path);
        var forced = Shell.Run("init", "workflow", "--force");

        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString);
        Assert.That(first.Out, Does.Contain("wrote .github/workflows/rules.yml").And.Contain("dotnet tool restore").And.Contain("  dotnet detectionkit test --rules rules --benign"));
        Assert.That(again.Out, Does.Contain(".github/workflows/rules.yml is up to date"));
        Assert.That(refused.ExitCode, Is.EqualTo(2));
        Assert.That(refused.Error, Does.Contain("exists and differs").And.Contain("--force"));
        Assert.That(changed, Does.EndWith("# a local change\n"));
        Assert.That(forced.ExitCode, Is.EqualTo(0), forced.ToString);
        Assert.That(File.ReadAllText(path), Does.Not.Contain("# a local change"));
    }

    [Test]
    public void PathsThatAreNotThereAreNamed()
    {
        using var workspace = new RulesWorkspace();
        Environment.CurrentDirectory = workspace.Root;

        var result = Shell.Run("init", "workflow", "--rules", "detections", "--settings", "org.yml");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("--rules detections: no such directory here").And.Contain("--settings org.yml: no such file here"));
        Assert.That(Directory.Exists(Path.Combine(workspace.Root, ".github")), Is.False);
    }
}
