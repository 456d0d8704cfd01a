using DetectionKit.Scripting.Execution;

namespace DetectionKit.Engine.Compilation;

/// <summary>
/// What one call of a rule function (<c>Rule</c>, <c>Title</c>, ... on one event) may spend before it
/// is stopped and reported. Steps are counted by code the compiler injects into every loop body,
/// method, accessor, lambda, label and switch section, so the verdict is the same on a busy CI machine
/// as on a laptop; allocation and wall-clock time are sampled as a backstop for time spent inside
/// framework calls. Zero means no limit for that measure.
/// </summary>
public sealed record EvaluationBudget
{
    /// <summary>Enough for rules that walk policies and lists of thousands of entries; far short of what a hang costs.</summary>
    public static EvaluationBudget Default { get; } = new();

    /// <summary>Loop iterations and calls into script code.</summary>
    public long MaxSteps { get; init; } = 100_000;

    /// <summary>Nested calls into script code; well below what exhausts the stack (a stack overflow cannot be caught and ends the process).</summary>
    public int MaxCallDepth { get; init; } = 200;

    /// <summary>Bytes allocated during the call.</summary>
    public long MaxAllocatedBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Time for the call, checked every few hundred steps.</summary>
    public TimeSpan MaxWallClock { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The match timeout of every regular expression a script builds; a longer timeout the script asks for is cut to this.</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The run's stop request: a call still running when it comes is ended at its next sample (every
    /// few hundred steps) instead of running on to its budget. Not a setting; the runner sets it.
    /// </summary>
    public CancellationToken Stop { get; init; }

    internal ScriptLimits ToLimits() => new(MaxSteps, MaxCallDepth, MaxAllocatedBytes, MaxWallClock, RegexTimeout, Stop);
}
