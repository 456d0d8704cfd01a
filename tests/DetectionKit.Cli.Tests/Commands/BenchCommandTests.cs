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

        var result = Shell.Run("bench", "--rules", RepositoryPaths.Rules, "--events", "60", "--objects", "3", "--big-object-mb", "1", "--skip", "loading", "--format", "json", "--out", markdown);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        using var document = JsonDocument.Parse(result.Out);
        var rows = document.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.That(rows.Select(r => r.GetProperty("phase").GetString()).Distinct(), Is.EqualTo(new[] { "throughput", "scaling", "memory" }));
        Assert.That(rows.Where(r => r.GetProperty("phase").GetString() is "throughput" or "scaling").Select(r => r.GetProperty("events").GetInt64()), Is.All.EqualTo(60));
        Assert.That(rows.Where(r => r.GetProperty("phase").GetString() == "memory").Select(r => r.GetProperty("events").GetInt64()).Skip(1).First(), Is.EqualTo(600), "ten times the corpus");
        Assert.That(rows.Where(r => r.GetProperty("phase").GetString() == "memory").Select(r => r.GetProperty("peakBytes").GetInt64()), Is.All.GreaterThan(0));
        Assert.That(rows.Single(r => r.GetProperty("name").GetString()!.StartsWith("full pipeline", StringComparison.Ordinal) && r.GetProperty("phase").GetString() == "throughput").GetProperty("ratio").GetDouble(), Is.GreaterThan(0));
        Assert.That(document.RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetString()), Has.Member("left out: loading"));
        Assert.That(File.ReadAllLines(markdown).Count(l => l.StartsWith('|')), Is.EqualTo(2 + rows.Count));
        Assert.That(result.Error, Does.Contain("bench: generating 60 benign records in 3 objects"));
    }

    [TestCase("--skip", "speed", "--skip 'speed' is not a phase; use throughput, scaling, loading, memory")]
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
