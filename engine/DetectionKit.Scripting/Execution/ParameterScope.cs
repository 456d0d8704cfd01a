namespace DetectionKit.Scripting.Execution;

/// <summary>
/// The parameter values of the rule whose code runs on this thread, set by the engine around each
/// call into it. Values are per rule and may differ per recorded case, so they are never kept in a
/// static a script could capture: a script reads them through <see cref="Parameters"/> while one of
/// its functions runs, and outside a scope there are none.
/// </summary>
internal sealed class ParameterScope : IDisposable
{
    [ThreadStatic]
    private static ParameterScope? current;

    private readonly ParameterScope? previous;

    private ParameterScope(IReadOnlyDictionary<string, object> values, ParameterScope? previous)
    {
        Values = values;
        this.previous = previous;
    }

    /// <summary>The values of the rule running on this thread; null outside any scope (while a script's fields are initialised, for one).</summary>
    public static IReadOnlyDictionary<string, object>? Current => current?.Values;

    /// <summary>By name: <c>IReadOnlySet&lt;string&gt;</c> for account ids, <c>IReadOnlyList&lt;Cidr&gt;</c>, <c>IReadOnlyList&lt;string&gt;</c>, <c>string</c>, <c>double</c> or <c>bool</c>.</summary>
    public IReadOnlyDictionary<string, object> Values { get; }

    /// <summary>Makes the values current on this thread until the scope is disposed.</summary>
    public static ParameterScope Enter(IReadOnlyDictionary<string, object> values) => current = new ParameterScope(values, current);

    public void Dispose()
    {
        if (ReferenceEquals(current, this))
        {
            current = previous;
        }
    }
}
