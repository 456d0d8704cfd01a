using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Running;
using DetectionKit.Engine.State;

namespace DetectionKit.Tooling.Benchmarking;

/// <summary>
/// The full pipeline as <c>run</c> drives it: the files through <see cref="RunSources"/>, dispatch and
/// rules, alert grouping in a throwaway SQLite state file, and delivery to an output that drops alerts.
/// </summary>
internal static class PipelineRun
{
    public static async Task<PipelineOutcome> RunAsync(RuleSet rules, IReadOnlyList<string> files, int parallelism, string stateDirectory)
    {
        using var sources = RunSources.Open(files, _ => throw new InvalidOperationException("a benchmark reads no bucket"), null, () => Stream.Null, out var error)
            ?? throw new InvalidOperationException(error);
        var statePath = Path.Combine(stateDirectory, $"state-{Guid.NewGuid():N}.db");
        var sink = new NullAlertSink();
        PassResult pass;
        using (var state = SqliteAlertStateStore.Open(statePath))
        {
            pass = await new DetectionPass(rules, state, "bench").RunAsync(sources.Source, [new AlertOutput("bench:null", sink)], new PassOptions { DeliverInFull = true, Parallelism = parallelism });
        }

        foreach (var file in Directory.EnumerateFiles(stateDirectory, Path.GetFileName(statePath) + "*"))
        {
            File.Delete(file);
        }

        return new PipelineOutcome(pass.Run.EventsRead, pass.Run.Matches, sink.Delivered, pass.ErrorCount, parallelism);
    }
}
