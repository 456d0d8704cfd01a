using System.Runtime.CompilerServices;

namespace DetectionKit.Scripting.Execution;

/// <summary>
/// The entry points the engine's compiler injects into rule code (loop bodies, method, accessor and
/// lambda bodies, labels, switch sections, regular expressions, and the sequences the framework would
/// otherwise produce without a step: <c>Enumerable.Range</c> and <c>Enumerable.Repeat</c>). Scripts cannot call them: the type is
/// internal, visible only to the compiled rules assembly, and the allow-list refuses it by name too.
/// Outside a <see cref="Start"/> scope nothing is counted.
/// </summary>
internal static class ScriptMeter
{
    /// <summary>The assembly name every compiled rule set is emitted under; see InternalsVisibleTo.</summary>
    public const string CompiledRulesAssembly = "DetectionKit.Rules.Compiled";

    private static readonly TimeSpan DefaultRegexTimeout = TimeSpan.FromMilliseconds(100);

    [ThreadStatic]
    private static MeterScope? current;

    // The scope of the last call that ended on this thread, reset for the next: a call into rule code allocates nothing to be metered.
    [ThreadStatic]
    private static MeterScope? spare;

    /// <summary>Starts metering the calls into rule code on this thread until the scope is disposed.</summary>
    public static MeterScope Start(ScriptLimits limits)
    {
        var scope = spare ?? new MeterScope();
        spare = null;
        scope.Reset(limits, current);
        return current = scope;
    }

    /// <summary>One step: a loop iteration, a label reached, a switch section entered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Step() => current?.Step();

    /// <summary>Entry into a script method, accessor, local function or lambda; paired with <see cref="Exit"/>.</summary>
    public static void Enter() => current?.Enter();

    public static void Exit() => current?.Exit();

    /// <summary>The match timeout of a regular expression a script builds without one.</summary>
    public static TimeSpan RegexTimeout =>
        current is { Limits.RegexTimeout: var timeout } && timeout > TimeSpan.Zero ? timeout : DefaultRegexTimeout;

    /// <summary>A script's own match timeout, never longer than the budget's.</summary>
    public static TimeSpan Clamp(TimeSpan requested) =>
        requested <= TimeSpan.Zero || requested > RegexTimeout ? RegexTimeout : requested;

    /// <summary><c>Enumerable.Range</c> as scripts get it: every element is a step, so a range no script could walk is stopped.</summary>
    public static IEnumerable<int> Range(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)start + count - 1, int.MaxValue, nameof(count));
        for (var i = 0; i < count; i++)
        {
            Step();
            yield return start + i;
        }
    }

    /// <summary><c>Enumerable.Repeat</c> as scripts get it: every element is a step.</summary>
    public static IEnumerable<T> Repeat<T>(T element, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (var i = 0; i < count; i++)
        {
            Step();
            yield return element;
        }
    }

    internal static void Restore(MeterScope scope)
    {
        if (ReferenceEquals(current, scope))
        {
            current = scope.Previous;
            spare ??= scope;
        }
    }
}
