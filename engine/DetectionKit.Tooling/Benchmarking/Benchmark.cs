using System.Runtime.InteropServices;
using DetectionKit.Engine.Running;

namespace DetectionKit.Tooling.Benchmarking;

/// <summary>
/// One benchmark run in this process: prepares the corpus in a throwaway folder, runs each phase
/// (every measurement after a warm-up) and returns the table as a <see cref="BenchReport"/>. Prints
/// nothing itself; the progress callback says what it is doing, for a run that takes minutes.
/// </summary>
public sealed class Benchmark
{
    private readonly BenchOptions options;
    private readonly Action<string> progress;

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
            var corpus = PrepareCorpus(Path.Combine(work, "corpus"));
            var runsPipeline = options.Runs(BenchPhase.Throughput) || options.Runs(BenchPhase.Scaling) || options.Runs(BenchPhase.Memory) || options.Runs(BenchPhase.Worker);
            var selection = runsPipeline ? LoadShippedRules() : null;
            var run = new BenchRun(options, selection?.Rules, work, progress);
            if (selection?.FailedToLoad > 0)
            {
                run.Notes.Add($"{selection.FailedToLoad} rules of {options.RulesDirectory} failed to load: the pipeline ran without them");
            }

            var rows = new List<BenchRow>();
            if (options.Runs(BenchPhase.Throughput) || options.Runs(BenchPhase.Scaling))
            {
                run.Notes.Add($"throughput and scaling rows: the fastest of {BenchRun.Rounds} rounds, the compared figures measured in turn");
            }

            if (options.Runs(BenchPhase.Throughput))
            {
                rows.AddRange(await ThroughputPhase.RunAsync(run, corpus));
            }

            if (options.Runs(BenchPhase.Scaling))
            {
                rows.AddRange(await ScalingPhase.RunAsync(run, corpus));
            }

            if (options.Runs(BenchPhase.Memory))
            {
                rows.AddRange(await MemoryPhase.RunAsync(run, corpus));
            }

            if (options.Runs(BenchPhase.Loading))
            {
                rows.AddRange(LoadingPhase.Run(run));
            }

            if (options.Runs(BenchPhase.Worker))
            {
                rows.AddRange(await WorkerPhase.RunAsync(run));
            }

            if (options.Skip.Count > 0)
            {
                run.Notes.Add($"left out: {string.Join(", ", options.Skip.Order().Select(p => p.ToString().ToLowerInvariant()))}");
            }

            var machine = new BenchMachine(Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, RunProcess.ProbeDescription);
            return new BenchReport(machine, started, corpus.Description, rows.OrderBy(r => r.Phase).ToList(), run.Notes);
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

    /// <summary>Every enabled rule, loaded as <c>run</c> loads them when no pack is named.</summary>
    private RuleSelection LoadShippedRules()
    {
        progress($"loading the rules of {options.RulesDirectory}");
        return RuleSelector.Load(options.RulesDirectory).Select([], []) ?? throw new InvalidOperationException($"{options.RulesDirectory}: the rules could not be selected");
    }
}
