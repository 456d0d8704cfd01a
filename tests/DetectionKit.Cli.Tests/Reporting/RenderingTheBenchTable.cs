using System.Text.Json;
using DetectionKit.Cli.Reporting;
using DetectionKit.Tooling.Benchmarking;

namespace DetectionKit.Cli.Tests.Reporting;

public sealed class RenderingTheBenchTable
{
    private static readonly BenchReport Report = new(
        new BenchMachine(2, "Linux", ".NET 10", "VmHWM"),
        new DateTimeOffset(2026, 12, 2, 16, 30, 0, TimeSpan.Zero),
        "1,000 records in 4 objects",
        [
            new BenchRow(BenchPhase.Throughput, "gunzip + parse of every record (floor)") { Events = 1_000, JsonBytes = 2 * BenchRow.Megabyte, Elapsed = TimeSpan.FromSeconds(0.5), AllocatedBytes = 700_000 },
            new BenchRow(BenchPhase.Throughput, "full pipeline") { Events = 1_000, JsonBytes = 2 * BenchRow.Megabyte, Elapsed = TimeSpan.FromSeconds(4), Ratio = 0.125, Target = BenchTarget.AtLeast(0.5, 0.125), Note = "a | b" },
            new BenchRow(BenchPhase.Scaling, "all cores") { Ratio = 1.9, Target = BenchTarget.NotJudged(">= 1.8") },
            new BenchRow(BenchPhase.Memory, "10x") { PeakBytes = 250 * BenchRow.Megabyte, Target = BenchTarget.AtMostMegabytes(300, 250 * BenchRow.Megabyte) },
        ],
        ["the runner ran on 1 core"]);

    [Test]
    public void TheTextTableDerivesRatesAndLinesUpTheFiguresOnTheRight()
    {
        var lines = Render(new TextBenchRenderer());

        var header = lines.Single(l => l.StartsWith("measurement", StringComparison.Ordinal));
        var floor = lines.Single(l => l.StartsWith("gunzip + parse", StringComparison.Ordinal));
        var full = lines.Single(l => l.StartsWith("full pipeline", StringComparison.Ordinal));
        Assert.That(floor, Does.Contain("2,000").And.Contain("4.0").And.Contain("700"), "events/s, MB/s and bytes per event come from the measured totals");
        Assert.That(full, Does.Contain(" 250 ").And.Contain("0.12").And.Contain(">= 0.5 MISSED").And.EndWith("a | b"));
        Assert.That(floor.IndexOf("2,000", StringComparison.Ordinal) + "2,000".Length, Is.EqualTo(header.IndexOf("events/s", StringComparison.Ordinal) + "events/s".Length));
        Assert.That(lines, Has.Some.Contains(">= 1.8 n/a"));
        Assert.That(lines, Has.Some.Contains("<= 300 MB met"));
        Assert.That(lines.Count(l => l.StartsWith("---", StringComparison.Ordinal)), Is.EqualTo(3), "one rule above each phase");
        Assert.That(lines, Has.Member("the runner ran on 1 core").And.Member("corpus: 1,000 records in 4 objects"));
    }

    [Test]
    public void TheMarkdownTableHasOneRowPerMeasurementAndEscapesPipes()
    {
        var lines = Render(new MarkdownBenchRenderer());

        var rows = lines.Where(l => l.StartsWith('|')).ToList();
        Assert.That(rows, Has.Count.EqualTo(2 + Report.Rows.Count));
        Assert.That(rows[1], Does.StartWith("| --- | ---: |"));
        Assert.That(rows.Single(r => r.StartsWith("| full pipeline", StringComparison.Ordinal)), Does.EndWith("| a \\| b |"));
        Assert.That(lines, Has.Member("- the runner ran on 1 core"));
    }

    [Test]
    public void TheJsonHasTheSameFiguresUnrounded()
    {
        using var document = JsonDocument.Parse(string.Join('\n', Render(new JsonBenchRenderer())));

        var rows = document.RootElement.GetProperty("rows");
        Assert.That(rows.GetArrayLength(), Is.EqualTo(Report.Rows.Count));
        Assert.That(rows[0].GetProperty("eventsPerSecond").GetDouble(), Is.EqualTo(2_000));
        Assert.That(rows[1].GetProperty("ratio").GetDouble(), Is.EqualTo(0.125));
        Assert.That(rows[1].GetProperty("target").GetProperty("met").GetBoolean(), Is.False);
        Assert.That(rows[2].GetProperty("target").GetProperty("met").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(rows[2].GetProperty("events").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(document.RootElement.GetProperty("machine").GetProperty("cores").GetInt32(), Is.EqualTo(2));
    }

    private static IReadOnlyList<string> Render(IBenchRenderer renderer)
    {
        var output = new StringWriter { NewLine = "\n" };
        renderer.Render(Report, output);
        return output.ToString().Split('\n');
    }
}
