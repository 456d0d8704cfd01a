using System.Runtime.InteropServices;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Running;

namespace DetectionKit.Tooling.Benchmarking;

/// <summary>
/// One benchmark run in this process: prepares the corpora in a throwaway folder, measures each phase
/// after a warm-up, and returns the table as a <see cref="BenchReport"/>. Prints nothing itself; the
/// progress callback says what it is doing, for a run that takes minutes.
/// </summary>
public sealed class Benchmark
{
    private const int WarmUpFiles = 5;

    /// <summary>
    /// Figures that are compared with each other are measured in turn this many times and the fastest
    /// kept: on a shared machine a burst of other work then slows one round, not one side of a ratio.
    /// </summary>
    private const int Rounds = 2;
    private const int PeakMemoryGoalMegabytes = 300;
    private const int TargetBigObjectMegabytes = 1024;

    private readonly BenchOptions options;
    private readonly Action<string> progress;
    private readonly PeakMemoryProbe probe = PeakMemoryProbe.ForThisProcess();

    public Benchmark(BenchOptions options, Action<string>? progress = null)
    {
        this.options = options;
        this.progress = progress ?? (_ => { });
    }

    public async Task<BenchReport> RunAsync()
    {
        var started = DateTimeOffset.UtcNow;
        var work = Path.Combine(options.WorkDirectory ?? Path.GetTempPath(), "detectionkit-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        try
        {
            var rows = new List<BenchRow>();
            var notes = new List<string>();
            var corpus = PrepareCorpus(Path.Combine(work, "corpus"));
            var needsRules = options.Runs(BenchPhase.Throughput) || options.Runs(BenchPhase.Scaling) || options.Runs(BenchPhase.Memory);
            var rules = needsRules ? LoadShippedRules(notes) : null;
            if (rules is not null && (options.Runs(BenchPhase.Throughput) || options.Runs(BenchPhase.Scaling)))
            {
                notes.Add($"throughput and scaling rows: the fastest of {Rounds} rounds, the compared figures measured in turn");
            }

            if (rules is not null && options.Runs(BenchPhase.Throughput))
            {
                rows.AddRange(await ThroughputAsync(corpus, rules, work, notes));
            }

            if (rules is not null && options.Runs(BenchPhase.Scaling))
            {
                rows.AddRange(await ScalingAsync(corpus, rules, work, notes));
            }

            // Before loading: the rule sets that phase compiles stay loaded and would count in every peak after it.
            if (rules is not null && options.Runs(BenchPhase.Memory))
            {
                rows.AddRange(await MemoryAsync(corpus, rules, work, notes));
            }

            if (options.Runs(BenchPhase.Loading))
            {
                rows.AddRange(Loading(work));
            }

            if (options.Skip.Count > 0)
            {
                notes.Add($"left out: {string.Join(", ", options.Skip.Order().Select(p => p.ToString().ToLowerInvariant()))}");
            }

            var machine = new BenchMachine(Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, probe.Description);
            return new BenchReport(machine, started, corpus.Description, rows.OrderBy(r => r.Phase).ToList(), notes);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private BenchCorpus PrepareCorpus(string directory)
    {
        if (options.Sources.Count == 0)
        {
            progress($"generating {options.Events:N0} benign records in {options.Objects:N0} objects");
            return CorpusWriter.WriteObjects(directory, options.Events, options.Objects, options.Seed, options.Cores);
        }

        // Files given are counted before anything is timed; this first read also warms the file cache.
        progress("counting the records of the sources");
        var given = CorpusFiles.FromSources(options.Sources);
        var events = ParseFloor.Run(given.Files);
        var json = Gunzip.Run(given.Files);
        return given with { Events = events, JsonBytes = json, Description = $"{events:N0} records ({json / (double)BenchRow.Megabyte:N0} MB of JSON) in {given.Description}" };
    }

    private RuleSet LoadShippedRules(List<string> notes)
    {
        progress($"loading the rules of {options.RulesDirectory}");
        var selection = RuleSelector.Load(options.RulesDirectory).Select([], []) ?? throw new InvalidOperationException($"{options.RulesDirectory}: the rules could not be selected");
        if (selection.FailedToLoad > 0)
        {
            notes.Add($"{selection.FailedToLoad} rules of {options.RulesDirectory} failed to load: the pipeline ran without them");
        }

        return selection.Rules;
    }

    private async Task<IEnumerable<BenchRow>> ThroughputAsync(BenchCorpus corpus, RuleSet rules, string work, List<string> notes)
    {
        progress("throughput: gunzip, the parse floor and the full pipeline");
        var warmUp = corpus.Files.Take(WarmUpFiles).ToList();
        Gunzip.Run(warmUp);
        ParseFloor.Run(warmUp);
        await PipelineRun.RunAsync(rules, warmUp, 1, work);

        Measured<long> gunzip = default, floor = default;
        Measured<PipelineOutcome> full = default;
        for (var round = 0; round < Rounds; round++)
        {
            gunzip = Measure.Faster(gunzip, await Measure.Run(() => Gunzip.Run(corpus.Files)));
            floor = Measure.Faster(floor, await Measure.Run(() => ParseFloor.Run(corpus.Files)));
            full = Measure.Faster(full, await Measure.RunAsync(() => PipelineRun.RunAsync(rules, corpus.Files, 1, work)));
        }

        Check(full.Value, corpus, notes);
        if (floor.Value != full.Value.Events)
        {
            notes.Add($"the floor parsed {floor.Value:N0} records where the pipeline read {full.Value.Events:N0} events: the ratio compares different work");
        }

        var ratio = Rate(full.Value.Events, full.Elapsed) / Rate(floor.Value, floor.Elapsed);
        return
        [
            new BenchRow(BenchPhase.Throughput, "gunzip only") { Events = corpus.Events, JsonBytes = gunzip.Value, Elapsed = gunzip.Elapsed, AllocatedBytes = gunzip.AllocatedBytes },
            new BenchRow(BenchPhase.Throughput, "gunzip + parse of every record (floor)") { Events = floor.Value, JsonBytes = corpus.JsonBytes, Elapsed = floor.Elapsed, AllocatedBytes = floor.AllocatedBytes },
            new BenchRow(BenchPhase.Throughput, $"full pipeline, {rules.Rules.Count} rules, 1 core") { Events = full.Value.Events, JsonBytes = corpus.JsonBytes, Elapsed = full.Elapsed, AllocatedBytes = full.AllocatedBytes, Ratio = ratio, Target = BenchTarget.AtLeast(0.5, ratio), Note = $"full / floor; {full.Value.Matches:N0} matches, {full.Value.Alerts:N0} alerts" },
        ];
    }

    private async Task<IEnumerable<BenchRow>> ScalingAsync(BenchCorpus corpus, RuleSet rules, string work, List<string> notes)
    {
        var cores = Math.Max(1, options.Cores);
        progress($"scaling: the full pipeline on 1 core and on {cores}");
        await PipelineRun.RunAsync(rules, corpus.Files.Take(WarmUpFiles).ToList(), cores, work);
        Measured<PipelineOutcome> one = default, all = default;
        for (var round = 0; round < Rounds; round++)
        {
            one = Measure.Faster(one, await Measure.RunAsync(() => PipelineRun.RunAsync(rules, corpus.Files, 1, work)));
            all = Measure.Faster(all, await Measure.RunAsync(() => PipelineRun.RunAsync(rules, corpus.Files, cores, work)));
        }

        Check(all.Value, corpus, notes);
        if (all.Value.Parallelism < cores)
        {
            notes.Add($"all cores: the runner has no parallelism setting yet (issue 8), so the {cores}-core pass ran on {all.Value.Parallelism}");
        }

        var ratio = Rate(all.Value.Events, all.Elapsed) / Rate(one.Value.Events, one.Elapsed);
        var objects = $"{corpus.Files.Count:N0} objects";
        return
        [
            new BenchRow(BenchPhase.Scaling, $"full pipeline, {objects}, 1 core") { Events = one.Value.Events, JsonBytes = corpus.JsonBytes, Elapsed = one.Elapsed, AllocatedBytes = one.AllocatedBytes },
            new BenchRow(BenchPhase.Scaling, $"full pipeline, {objects}, all cores ({cores})")
            {
                Events = all.Value.Events, JsonBytes = corpus.JsonBytes, Elapsed = all.Elapsed, AllocatedBytes = all.AllocatedBytes, Ratio = ratio,
                Target = cores < 2 ? null : all.Value.Parallelism < cores ? BenchTarget.NotJudged(">= 1.8") : BenchTarget.AtLeast(1.8, ratio),
                Note = all.Value.Parallelism < cores ? $"all / one; ran on {all.Value.Parallelism} core (no parallelism setting yet): the ratio is noise" : "all / one",
            },
        ];
    }

    private IEnumerable<BenchRow> Loading(string work)
    {
        progress("loading: warming up the compiler");
        var warmUpRules = Path.Combine(work, "rules-warm-up");
        GeneratedRules.Write(warmUpRules, 2);
        RuleLoadTimer.Time(warmUpRules, Path.Combine(work, "cache-warm-up"));

        var rows = new List<BenchRow>();
        progress("loading: the shipped rules, cold and warm");
        var shipped = RuleLoadTimer.Time(options.RulesDirectory, Path.Combine(work, "cache-shipped"));
        rows.AddRange(LoadRows($"shipped pack ({shipped.Rules} rules)", shipped, coldGoalSeconds: null, warmGoalSeconds: 1));
        foreach (var count in options.GeneratedRuleCounts)
        {
            progress($"loading: {count} generated rules, cold and warm");
            var directory = Path.Combine(work, $"rules-{count}");
            GeneratedRules.Write(directory, count);
            var times = RuleLoadTimer.Time(directory, Path.Combine(work, $"cache-{count}"));
            rows.AddRange(LoadRows($"{count} generated rules", times, coldGoalSeconds: count == 200 ? 3 : null, warmGoalSeconds: null));
        }

        return rows;
    }

    private static IEnumerable<BenchRow> LoadRows(string what, RuleLoadTimes times, double? coldGoalSeconds, double? warmGoalSeconds)
    {
        var failed = times.Failed > 0 ? $"; {times.Failed} of {times.Rules + times.Failed} failed to load" : string.Empty;
        yield return new BenchRow(BenchPhase.Loading, $"load + compile, {what}, cold")
        {
            Elapsed = times.Cold,
            Target = coldGoalSeconds is { } cold ? BenchTarget.AtMostSeconds(cold, times.Cold) : null,
            Note = "in process, compiler warmed up" + failed,
        };
        yield return times.CacheWritten
            ? new BenchRow(BenchPhase.Loading, $"load + compile, {what}, warm")
            {
                Elapsed = times.Warm,
                Target = warmGoalSeconds is { } warm ? BenchTarget.AtMostSeconds(warm, times.Warm) : null,
                Note = "in process, from the compiled-rule cache" + failed,
            }
            : new BenchRow(BenchPhase.Loading, $"load + compile, {what}, warm")
            {
                Target = warmGoalSeconds is { } goal ? BenchTarget.NotJudged($"<= {goal:0.#} s") : null,
                Note = $"n/a (no cache): the cold load left nothing in {RuleLoadTimer.CacheVariable}; a second load took {times.Warm.TotalSeconds:0.00} s" + failed,
            };
    }

    private async Task<IEnumerable<BenchRow>> MemoryAsync(BenchCorpus corpus, RuleSet rules, string work, List<string> notes)
    {
        var rows = new List<BenchRow>();
        progress("peak memory: the corpus");
        rows.Add(await PeakAsync($"peak memory after load: the corpus ({corpus.Files.Count:N0} objects)", corpus, rules, work, target: false, notes));

        var larger = Path.Combine(work, "corpus-x10");
        BenchCorpus tenTimes;
        if (options.Sources.Count == 0)
        {
            progress($"peak memory: generating a corpus ten times larger ({options.Events * 10L:N0} records)");
            tenTimes = CorpusWriter.WriteObjects(larger, checked(options.Events * 10), checked(options.Objects * 10), options.Seed + 1000, options.Cores);
        }
        else
        {
            tenTimes = corpus with { Files = Enumerable.Repeat(corpus.Files, 10).SelectMany(f => f).ToList(), Events = corpus.Events * 10, JsonBytes = corpus.JsonBytes * 10 };
        }

        progress("peak memory: the corpus ten times larger");
        var tenTimesRow = await PeakAsync($"peak memory after load: 10x the corpus ({tenTimes.Files.Count:N0} objects)", tenTimes, rules, work, target: true, notes);
        rows.Add(options.Sources.Count == 0 ? tenTimesRow : tenTimesRow with { Note = tenTimesRow.Note + "; the sources read ten times" });
        if (Directory.Exists(larger))
        {
            Directory.Delete(larger, recursive: true);
        }

        if (options.BigObjectMegabytes > 0 && options.Sources.Count == 0)
        {
            progress($"peak memory: generating one object of {options.BigObjectMegabytes:N0} MB of JSON");
            var big = CorpusWriter.WriteSingleObject(Path.Combine(work, "big"), options.BigObjectMegabytes * BenchRow.Megabyte, options.Seed + 2000);
            progress("peak memory: the single object");
            var row = await PeakAsync($"peak memory after load: one object of {options.BigObjectMegabytes:N0} MB", big, rules, work, target: true, notes);
            rows.Add(options.BigObjectMegabytes < TargetBigObjectMegabytes ? row with { Note = row.Note + $"; the target is for {TargetBigObjectMegabytes} MB (--big-object-mb {TargetBigObjectMegabytes})" } : row);
        }

        return rows;
    }

    private async Task<BenchRow> PeakAsync(string name, BenchCorpus corpus, RuleSet rules, string work, bool target, List<string> notes)
    {
        var cores = Math.Max(1, options.Cores);
        var resetTo = probe.Reset();
        var run = await Measure.RunAsync(() => PipelineRun.RunAsync(rules, corpus.Files, cores, work));
        var peak = probe.Peak();
        Check(run.Value, corpus, notes);
        return new BenchRow(BenchPhase.Memory, name)
        {
            Events = run.Value.Events,
            JsonBytes = corpus.JsonBytes,
            Elapsed = run.Elapsed,
            AllocatedBytes = run.AllocatedBytes,
            PeakBytes = peak,
            Target = target ? BenchTarget.AtMostMegabytes(PeakMemoryGoalMegabytes, peak) : null,
            Note = $"resident {resetTo / BenchRow.Megabyte:N0} MB at the start",
        };
    }

    private static double Rate(long events, TimeSpan elapsed) => events / elapsed.TotalSeconds;

    /// <summary>A pass that read less than the corpus, or hit errors, makes its figures lie: the table says so.</summary>
    private static void Check(PipelineOutcome outcome, BenchCorpus corpus, List<string> notes)
    {
        if (corpus.Events is { } expected && outcome.Events != expected)
        {
            notes.Add($"a pipeline pass read {outcome.Events:N0} events of the corpus's {expected:N0}");
        }

        if (outcome.Errors > 0)
        {
            notes.Add($"a pipeline pass reported {outcome.Errors:N0} errors (unreadable input or rules that threw)");
        }
    }
}
