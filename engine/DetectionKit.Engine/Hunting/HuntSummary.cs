using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Running;

namespace DetectionKit.Engine.Hunting;

/// <summary>What a hunt read and found, as the progress line and the final count line say it.</summary>
public sealed record HuntSummary
{
    /// <summary>Files and objects read (or given up on).</summary>
    public int Inputs { get; init; }

    /// <summary>Records read, those not evaluated included.</summary>
    public long Scanned { get; init; }

    /// <summary>Records that passed the test.</summary>
    public long Matched { get; init; }

    /// <summary>Inputs and records not (all) read or evaluated, counted as <c>run</c> counts them.</summary>
    public InputCounts NotRead { get; init; } = InputCounts.None;

    /// <summary>The inputs' problems (unreadable, bad records), each at its file or object.</summary>
    public IReadOnlyList<Diagnostic> Problems { get; init; } = [];

    /// <summary>The expressions that threw or were stopped, one line each.</summary>
    public IReadOnlyList<Diagnostic> ExpressionProblems { get; init; } = [];

    /// <summary>The scan ended at <c>--limit</c> matches, before the end of its inputs.</summary>
    public bool ReachedLimit { get; init; }

    /// <summary>A stop request (Ctrl-C) ended the scan before the end of its inputs.</summary>
    public bool Interrupted { get; init; }
}
