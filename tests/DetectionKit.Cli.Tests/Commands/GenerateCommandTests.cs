using System.Text.Json;
using DetectionKit.Cli.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Cli.Tests.Commands;

public sealed class GenerateCommandTests
{
    [Test]
    public void TheSameSeedWritesTheSameFileAndRunReadsEveryRecord()
    {
        using var workspace = new RulesWorkspace();
        var first = Path.Combine(workspace.Root, "a.jsonl");
        var second = Path.Combine(workspace.Root, "b.jsonl");

        var result = Shell.Run("generate", "benign", "--events", "2000", "--seed", "5", "--out", first);
        Shell.Run("generate", "benign", "--events", "2000", "--seed", "5", "--out", second);
        var run = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", first);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(result.Error, Does.Contain("wrote 2000 records (seed 5)"));
        Assert.That(File.ReadAllBytes(second), Is.EqualTo(File.ReadAllBytes(first)));
        Assert.That(File.ReadAllLines(first), Has.Length.EqualTo(2000));
        Assert.That(run.Error, Does.Contain("events read: 2000,").And.Contain("errors: 0"));
    }

    [Test]
    public void ARecordsFileNamedGzIsTheGzippedDeliveryShape()
    {
        using var workspace = new RulesWorkspace();
        var file = Path.Combine(workspace.Root, "111122223333_CloudTrail_us-east-1_20240805T0000Z_benign.json.gz");

        var result = Shell.Run("generate", "benign", "--events", "300", "--format", "records", "--out", file);
        var run = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", file);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(File.ReadAllBytes(file)[..2], Is.EqualTo(new byte[] { 0x1f, 0x8b }));
        Assert.That(run.Error, Does.Contain("events read: 300,"));
    }

    [Test]
    public void WithoutAnOutputFileRecordsGoToStandardOutput()
    {
        var result = Shell.Run("generate", "benign", "--events", "25", "--start", "2025-01-06T09:00:00Z");

        Assert.That(result.OutLines, Has.Count.EqualTo(25));
        var first = JsonDocument.Parse(result.OutLines[0]).RootElement;
        Assert.That(first.GetProperty("eventTime").GetString(), Does.StartWith("2025-01-06T09:"));
    }

    [Test]
    public void AStartThatIsNotATimeIsAUsageError()
    {
        var result = Shell.Run("generate", "benign", "--events", "5", "--start", "yesterday");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("--start 'yesterday' is not a time"));
    }
}
