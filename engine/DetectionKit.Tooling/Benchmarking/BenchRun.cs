using DetectionKit.Engine.Evaluation;

namespace DetectionKit.Tooling.Benchmarking;

/// <summary>What the phases of one run share: its options, the loaded rules, the work folder, and the notes for the table.</summary>
internal sealed class BenchRun(BenchOptions options, RuleSet? rules, string work, Action<string> progress)
{
    /// <summary>Objects a phase reads once before measuring, so the code it times has been compiled by the JIT.</summary>
    public const int WarmUpFiles = 5;

    /// <summary>
    /// Figures that are compared with each other are measured in turn this many times and the fastest
    /// kept: on a shared machine a burst of other work then slows one round, not one side of a ratio.
    /// </summary>
    public const int Rounds = 2;

    public BenchOptions Options => options;

    /// <summary>The rules the pipeline runs; null when only loading is measured.</summary>
    public RuleSet Rules => rules ?? throw new InvalidOperationException("no phase that runs the pipeline was expected");

    /// <summary>The throwaway folder for corpora, rules, caches and state files.</summary>
    public string Work => work;

    public int Cores => Math.Max(1, options.Cores);

    /// <summary>How to start this tool in a process of its own, for the memory phase.</summary>
    public IReadOnlyList<string> RunCommand => options.ToolCommand is { Count: > 0 } command
        ? command
        : throw new InvalidOperationException("the memory phase runs `run` in a process of its own: BenchOptions.ToolCommand must say how to start the tool");

    public List<string> Notes { get; } = [];

    public void Progress(string step) => progress(step);

    public Task<PipelineOutcome> PipelineAsync(IReadOnlyList<string> files, int parallelism) => PipelineRun.RunAsync(Rules, files, parallelism, work);

    public static double Rate(long events, TimeSpan elapsed) => events / elapsed.TotalSeconds;

    /// <summary>A pass that read less than the corpus, or hit errors, makes its figures lie: the table says so.</summary>
    public void Check(PipelineOutcome outcome, BenchCorpus corpus)
    {
        if (corpus.Events is { } expected && outcome.Events != expected)
        {
            Notes.Add($"a pipeline pass read {outcome.Events:N0} events of the corpus's {expected:N0}");
        }

        if (outcome.Errors > 0)
        {
            Notes.Add($"a pipeline pass reported {outcome.Errors:N0} errors (unreadable input or rules that threw)");
        }
    }
}
