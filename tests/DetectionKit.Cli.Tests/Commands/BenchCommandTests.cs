using System.Text.Json;
using DetectionKit.Cli.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Cli.Tests.Commands;

public sealed class BenchCommandTests
{
    [Test]
    public void ASmallRunMeasuresEveryPhaseOverTheWholeCorpusAndWritesTheMarkdownTable()
    {
        using var workspace = new RulesWorkspace();
        var markdown = Path.Combine(workspace.Root, "bench.md");

        var result = Shell.Run("bench", "--rules", RepositoryPaths.Rules, "--events", "60", "--objects", "3", "--big-object-mb", "1", "--skip", "loading,worker", "--format", "json", "--out", markdown);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        using var document = JsonDocument.Parse(result.Out);
        var rows = document.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.That(rows.Select(r => r.GetProperty("phase").GetString()).Distinct(), Is.EqualTo(new[] { "throughput", "scaling", "memory" }));
        Assert.That(rows.Where(r => r.GetProperty("phase").GetString() is "throughput" or "scaling").Select(r => r.GetProperty("events").GetInt64()), Is.All.EqualTo(60));
        Assert.That(rows.Where(r => r.GetProperty("phase").GetString() == "memory").Select(r => r.GetProperty("events").GetInt64()).Skip(1).First(), Is.EqualTo(600), "ten times the corpus");
        Assert.That(rows.Where(r => r.GetProperty("phase").GetString() == "memory").Select(r => r.GetProperty("peakBytes").GetInt64()), Is.All.GreaterThan(0));
        Assert.That(rows.Single(r => r.GetProperty("name").GetString()!.StartsWith("full pipeline", StringComparison.Ordinal) && r.GetProperty("phase").GetString() == "throughput").GetProperty("ratio").GetDouble(), Is.GreaterThan(0));
        Assert.That(document.RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetString()), Has.Member("left out: loading, worker"));
        Assert.That(File.ReadAllLines(markdown).Count(l => l.StartsWith('|')), Is.EqualTo(2 + rows.Count));
        Assert.That(result.Error, Does.Contain("bench: generating 60 benign records in 3 objects"));
    }

    [Test]
    public void TheWorkerPhaseReportsObjectsAndEventsPerSecondAndWhereTheWorkersTimeWent()
    {
        var result = Shell.Run("bench", "--rules", RepositoryPaths.Rules, "--events", "10", "--objects", "1", "--skip", "throughput,scaling,loading,memory", "--worker-objects", "12");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        var lines = result.Out.Split('\n');
        Assert.That(lines.Where(l => l.Contains("worker: ", StringComparison.Ordinal)).Select(l => l.Trim().Split("  ")[0]), Is.SupersetOf(new[]
        {
            "worker: 12 objects announced on SQS, read from S3 (moto)",
            "worker: receiving messages (SQS)",
            "worker: reading objects from S3, parsing, evaluating, committing each",
            "worker: checking the state, delivering alerts",
            "worker: deleting messages (SQS)",
            "worker: the same objects from files, same pass",
        }));
        Assert.That(result.Out, Does.Match(@"worker: [0-9.,]+ objects/s and [0-9,]+ events/s for one worker reading \d+ objects at once; most of its time went to .+ \(\d+ ?%\); CPU over the"));
        Assert.That(result.Out, Does.Not.Contain("worker: read ").And.Not.Contain("problems reported").And.Not.Contain("worker: left out"), "every object read, no problem");
    }

    [TestCase("--skip", "speed", "--skip 'speed' is not a phase; use throughput, scaling, loading, memory, worker")]
    [TestCase("--worker-objects", "0", "--worker-objects must be 1 or more (leave the worker phase out with --skip worker)")]
    [TestCase("--generated-rules", "200,lots", "--generated-rules '200,lots': give rule counts such as 200,1000")]
    [TestCase("--objects", "0", "--events and --objects must be 1 or more")]
    [TestCase("--source", "no/such/file.json.gz", "--source no/such/file.json.gz: no such file or directory")]
    public void ASettingThatCannotBeMeasuredIsAUsageError(string option, string value, string message)
    {
        var result = Shell.Run("bench", "--rules", RepositoryPaths.Rules, option, value);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
        Assert.That(result.Error, Does.Contain(message));
        Assert.That(result.Out, Is.Empty);
    }
}
