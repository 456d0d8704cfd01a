namespace DetectionKit.Tooling.Benchmarking;

/// <summary>
/// Peak resident memory of the <c>run</c> command over the corpus, over one ten times larger, and over
/// one large object: each a separate process (see <see cref="RunProcess"/>) that loads the rules from
/// the compiled-rule cache, as a warm run does, so the figure is the whole process and nothing the
/// benchmark itself holds (compilers, earlier corpora, collector budgets grown by earlier phases).
/// </summary>
internal static class MemoryPhase
{
    private const int GoalMegabytes = 300;
    private const int TargetBigObjectMegabytes = 1024;

    public static async Task<IEnumerable<BenchRow>> RunAsync(BenchRun run, BenchCorpus corpus)
    {
        var options = run.Options;
        var rows = new List<BenchRow>();

        // The first process compiles the rules into the cache if they are not there yet; it is not measured.
        run.Progress("peak memory: a first `run` process, to have the rules in the compiled-rule cache");
        await RunProcess.RunAsync(run.RunCommand, options.RulesDirectory, corpus.Files.Take(BenchRun.WarmUpFiles).ToList(), run.Work);
        run.Progress("peak memory: the corpus");
        rows.Add(await PeakAsync(run, $"peak memory of `run`: the corpus ({corpus.Files.Count:N0} objects)", corpus, target: false));

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
        var tenTimesRow = await PeakAsync(run, $"peak memory of `run`: 10x the corpus ({tenTimes.Files.Count:N0} objects)", tenTimes, target: true);
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
            var row = await PeakAsync(run, $"peak memory of `run`: one object of {options.BigObjectMegabytes:N0} MB", big, target: true);
            rows.Add(options.BigObjectMegabytes < TargetBigObjectMegabytes
                ? row with { Note = row.Note + $"; the target is for {TargetBigObjectMegabytes} MB (--big-object-mb {TargetBigObjectMegabytes})" }
                : row);
        }

        return rows;
    }

    private static async Task<BenchRow> PeakAsync(BenchRun run, string name, BenchCorpus corpus, bool target)
    {
        var pass = await RunProcess.RunAsync(run.RunCommand, run.Options.RulesDirectory, corpus.Files, run.Work);
        run.Check(pass.Pipeline, corpus);
        return new BenchRow(BenchPhase.Memory, name)
        {
            Events = pass.Events,
            JsonBytes = corpus.JsonBytes,
            Elapsed = pass.Elapsed,
            PeakBytes = pass.PeakBytes,
            Target = target ? BenchTarget.AtMostMegabytes(GoalMegabytes, pass.PeakBytes) : null,
            Note = "the whole `run` process, rules from the cache",
        };
    }
}
