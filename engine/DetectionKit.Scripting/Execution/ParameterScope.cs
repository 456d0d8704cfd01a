namespace DetectionKit.Scripting.Execution;

/// <summary>
/// The parameter values of the rule whose code runs on this thread, set by the engine around each
/// call into it. Values are per rule and may differ per recorded case, so they are never kept in a
/// static a script could capture: a script reads them through <see cref="Parameters"/> while one of
/// its functions runs, and outside a scope there are none. Entering costs no allocation: it runs
/// around every call into a rule that declares parameters.
/// </summary>
internal static class ParameterScope
{
    [ThreadStatic]
    private static IReadOnlyDictionary<string, object>? current;

    /// <summary>The values of the rule running on this thread; null outside any scope (while a script's fields are initialised, for one).</summary>
    public static IReadOnlyDictionary<string, object>? Current => current;

    /// <summary>Makes the values current on this thread until the returned scope is disposed, which brings back the values before it.</summary>
    public static Entered Enter(IReadOnlyDictionary<string, object> values)
    {
        var previous = current;
        current = values;
        return new Entered(previous, active: true);
    }

    /// <summary>A scope entered on this thread; disposing it restores what was current before. The default value entered nothing and restores nothing.</summary>
    public readonly struct Entered(IReadOnlyDictionary<string, object>? previous, bool active) : IDisposable
    {
        public void Dispose()
        {
            if (active)
            {
                current = previous;
            }
        }
    }
}
