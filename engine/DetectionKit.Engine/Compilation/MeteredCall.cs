using DetectionKit.Scripting.Execution;

namespace DetectionKit.Engine.Compilation;

/// <summary>
/// Runs rule code under a budget, with the rule's parameter values current on the thread. Whatever the
/// script returns or catches, a call that ran past its budget is reported as stopped, never as a result.
/// </summary>
internal static class MeteredCall
{
    /// <param name="budget">What the call may spend.</param>
    /// <param name="call">The rule code.</param>
    /// <param name="parameters">The values <c>Parameters</c> returns during the call; none (a read throws) when null.</param>
    /// <returns>The value, or the exception that ended the call (a <see cref="BudgetExceededException"/> when it was stopped).</returns>
    public static (T? Value, Exception? Failure) Run<T>(EvaluationBudget budget, Func<T> call, IReadOnlyDictionary<string, object>? parameters = null)
    {
        using var scope = ScriptMeter.Start(budget.ToLimits());
        // Most rules declare no parameter, and the compiler refuses a read of one they do not declare.
        using var values = parameters is null or { Count: 0 } ? default : ParameterScope.Enter(parameters);
        try
        {
            var value = call();
            return scope.Exceeded is { } stopped ? (default, stopped) : (value, null);
        }
        catch (Exception ex)
        {
            return (default, scope.Exceeded ?? ex);
        }
    }

    /// <summary>
    /// A rule function on one event, as <see cref="Run{T}(EvaluationBudget, Func{T}, IReadOnlyDictionary{string, object}?)"/>
    /// but without a closure: this runs for every candidate rule of every event.
    /// </summary>
    public static (T? Value, Exception? Failure) Run<TArgument, T>(EvaluationBudget budget, Func<TArgument, T> function, TArgument argument, IReadOnlyDictionary<string, object>? parameters = null)
    {
        using var scope = ScriptMeter.Start(budget.ToLimits());
        using var values = parameters is null or { Count: 0 } ? default : ParameterScope.Enter(parameters);
        try
        {
            var value = function(argument);
            return scope.Exceeded is { } stopped ? (default, stopped) : (value, null);
        }
        catch (Exception ex)
        {
            return (default, scope.Exceeded ?? ex);
        }
    }

    /// <summary>An exception's message, read under a budget of its own: a script's exception type may compute it.</summary>
    public static string Describe(Exception exception) =>
        exception is BudgetExceededException
            ? exception.Message
            : Run(EvaluationBudget.Default, () => $"{exception.GetType().Name}: {exception.Message}") is (string text, null) ? text : exception.GetType().Name;

    public static bool IsBudgetExceeded(Exception exception) => exception is BudgetExceededException;
}
