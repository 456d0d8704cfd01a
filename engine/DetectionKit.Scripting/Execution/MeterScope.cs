using System.Runtime.CompilerServices;

namespace DetectionKit.Scripting.Execution;

/// <summary>
/// The meter of one call into rule code on one thread: steps (loop iterations, method and lambda
/// entries) count down deterministically; call depth is exact; allocation and wall-clock time are
/// sampled every <see cref="SampleEvery"/> steps, as a backstop for time spent inside framework calls,
/// and so is the run's stop request: a stop never waits for a slow call to use up its budget.
/// </summary>
internal sealed class MeterScope : IDisposable
{
    private const int SampleEvery = 256;

    private MeterScope? previous;
    private long allocatedAtStart;
    private long startedAt;
    private long remaining;
    private int depth;
    private int untilSample = SampleEvery;

    public ScriptLimits Limits { get; private set; }

    /// <summary>Why the call was stopped, or null while it is within its budget.</summary>
    public BudgetExceededException? Exceeded { get; private set; }

    /// <summary>Steps taken so far.</summary>
    public long Steps => (Limits.MaxSteps > 0 ? Limits.MaxSteps : long.MaxValue) - remaining;

    internal MeterScope? Previous => previous;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Step()
    {
        if (--remaining < 0 || --untilSample == 0)
        {
            Check();
        }
    }

    internal void Enter()
    {
        Step();
        if (++depth > Limits.MaxCallDepth && Limits.MaxCallDepth > 0)
        {
            throw Trip($"went deeper than {Limits.MaxCallDepth} nested calls (runaway recursion?)");
        }

        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Trip("nearly exhausted the call stack (runaway recursion?)");
        }
    }

    internal void Exit() => depth--;

    public void Dispose() => ScriptMeter.Restore(this);

    /// <summary>Starts the meter afresh for a new call (scopes are reused, one per thread).</summary>
    internal void Reset(ScriptLimits limits, MeterScope? outer)
    {
        Limits = limits;
        previous = outer;
        Exceeded = null;
        depth = 0;
        untilSample = SampleEvery;
        remaining = limits.MaxSteps > 0 ? limits.MaxSteps : long.MaxValue;
        allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
        startedAt = Environment.TickCount64;
    }

    private void Check()
    {
        if (Exceeded is { } already)
        {
            throw already;
        }

        if (remaining < 0)
        {
            throw Trip($"ran more than {Limits.MaxSteps:N0} steps (an endless loop?)");
        }

        untilSample = SampleEvery;
        if (Limits.MaxAllocatedBytes > 0 && GC.GetAllocatedBytesForCurrentThread() - allocatedAtStart > Limits.MaxAllocatedBytes)
        {
            throw Trip($"allocated more than {Limits.MaxAllocatedBytes / (1024 * 1024):N0} MiB");
        }

        if (Limits.MaxWallClock > TimeSpan.Zero && Environment.TickCount64 - startedAt > (long)Limits.MaxWallClock.TotalMilliseconds)
        {
            throw Trip($"ran longer than {Limits.MaxWallClock.TotalMilliseconds:N0} ms");
        }

        if (Limits.Stop.IsCancellationRequested)
        {
            throw Trip("was cut short: the run is stopping");
        }
    }

    private BudgetExceededException Trip(string reason)
    {
        // Every later step fails too, so a script that catches the exception cannot carry on.
        remaining = -1;
        untilSample = 1;
        return Exceeded ??= new BudgetExceededException(reason);
    }
}
