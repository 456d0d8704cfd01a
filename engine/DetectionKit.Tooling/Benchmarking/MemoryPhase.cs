namespace DetectionKit.Tooling.Benchmarking;

/// <summary>
/// Peak resident memory of a full-pipeline pass after the rules are loaded: over the corpus, over one
/// ten times larger, and over one large object, each from a reset high-water mark.
/// </summary>
internal static class MemoryPhase
{
    private const int GoalMegabytes = 300;
    private const int TargetBigObjectMegabytes = 1024;

    public static async Task<IEnumerable<BenchRow>> RunAsync(BenchRun run, BenchCorpus corpus, PeakMemoryProbe probe)
    {
        var options = run.Options;
        var rows = new List<BenchRow>();
        run.Progress("peak memory: the corpus");
        rows.Add(await PeakAsync(run, probe, $"peak memory after load: the corpus ({corpus.Files.Count:N0} objects)", corpus, target: false));

        var larger = Path.Combine(run.Work, "corpus-x10");
        BenchCorpus tenTimes;
        if (options.Sources.Count == 0)
        {
            run.Progress($"peak memory: generating a corpus ten times larger ({options.Events * 10L:N0} records)");
            tenTimes = CorpusWriter.WriteObjects(larger, checked(options.Events * 10), checked(options.Objects * 10), options.Seed + 1000, run.Cores);
        }
        else
        {
            tenTimes = corpus with { Files = Enumerable.Repeat(corpus.Files, 10).SelectMany(f => f).ToList(), Events = corpus.Events * 10, JsonBytes = corpus.JsonBytes * 10 };
        }

        run.Progress("peak memory: the corpus ten times larger");
        var tenTimesRow = await PeakAsync(run, probe, $"peak memory after load: 10x the corpus ({tenTimes.Files.Count:N0} objects)", tenTimes, target: true);
        rows.Add(options.Sources.Count == 0 ? tenTimesRow : tenTimesRow with { Note = tenTimesRow.Note + "; the sources read ten times" });
        if (Directory.Exists(larger))
        {
            Directory.Delete(larger, recursive: true);
        }

        if (options.BigObjectMegabytes > 0 && options.Sources.Count == 0)
        {
            run.Progress($"peak memory: generating one object of {options.BigObjectMegabytes:N0} MB of JSON");
            var big = CorpusWriter.WriteSingleObject(Path.Combine(run.Work, "big"), options.BigObjectMegabytes * BenchRow.Megabyte, options.Seed + 2000);
            run.Progress("peak memory: the single object");
            var row = await PeakAsync(run, probe, $"peak memory after load: one object of {options.BigObjectMegabytes:N0} MB", big, target: true);
            rows.Add(options.BigObjectMegabytes < TargetBigObjectMegabytes
                ? row with { Note = row.Note + $"; the target is for {TargetBigObjectMegabytes} MB (--big-object-mb {TargetBigObjectMegabytes})" }
                : row);
        }

        return rows;
    }

    private static async Task<BenchRow> PeakAsync(BenchRun run, PeakMemoryProbe probe, string name, BenchCorpus corpus, bool target)
    {
        var resetTo = probe.Reset();
        var pass = await Measure.RunAsync(() => run.PipelineAsync(corpus.Files, run.Cores));
        var peak = probe.Peak();
        run.Check(pass.Value, corpus);
        return new BenchRow(BenchPhase.Memory, name)
        {
            Events = pass.Value.Events,
            JsonBytes = corpus.JsonBytes,
            Elapsed = pass.Elapsed,
            AllocatedBytes = pass.AllocatedBytes,
            PeakBytes = peak,
            Target = target ? BenchTarget.AtMostMegabytes(GoalMegabytes, peak) : null,
            Note = $"resident {resetTo / BenchRow.Megabyte:N0} MB at the start",
        };
    }
}
