namespace DetectionKit.Tooling.Benchmarking;

/// <summary>What a benchmark run measures and at what sizes.</summary>
public sealed record BenchOptions
{
    /// <summary>The rules directory whose rules the pipeline runs (the shipped pack).</summary>
    public required string RulesDirectory { get; init; }

    /// <summary>Files or directories to measure instead of a generated corpus; empty to generate one.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Records in the generated corpus.</summary>
    public int Events { get; init; } = 50_000;

    /// <summary>Objects the generated corpus is split into, as CloudTrail delivers them.</summary>
    public int Objects { get; init; } = 100;

    /// <summary>
    /// The decompressed size of the single large object of the memory phase, in MiB; 0 leaves it out.
    /// Issue 8's target is for 1024; the default stays small while the readers still hold a whole object in memory.
    /// </summary>
    public int BigObjectMegabytes { get; init; } = 1024;

    /// <summary>Sizes of the generated rule sets whose loading is measured.</summary>
    public IReadOnlyList<int> GeneratedRuleCounts { get; init; } = [200, 1000];

    /// <summary>Objects the worker phase uploads and announces on its queue.</summary>
    public int WorkerObjects { get; init; } = 300;

    /// <summary>The captures the worker phase replicates into objects; <c>fixtures</c> beside the rules directory when null.</summary>
    public string? CapturesDirectory { get; init; }

    /// <summary>The command line that starts this tool (for example <c>dotnet detectionkit.dll</c>): the memory phase runs its <c>run</c> command.</summary>
    public IReadOnlyList<string> ToolCommand { get; init; } = [];

    public IReadOnlySet<BenchPhase> Skip { get; init; } = new HashSet<BenchPhase>();

    /// <summary>"All cores" for the scaling phase.</summary>
    public int Cores { get; init; } = Environment.ProcessorCount;

    /// <summary>The seed of the generated corpora.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Where the throwaway corpora, rules, caches and state files go; the system temp folder when null.</summary>
    public string? WorkDirectory { get; init; }

    public bool Runs(BenchPhase phase) => !Skip.Contains(phase);
}
