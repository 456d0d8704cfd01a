using DetectionKit.Scripting.Execution;

namespace DetectionKit.Engine.Compilation;

/// <summary>
/// Runs rule code under a budget. Whatever the script returns or catches, a call that ran past its
/// budget is reported as stopped, never as a result.
/// </summary>
internal static class MeteredCall
{
    /// <returns>The value, or the exception that ended the call (a <see cref="BudgetExceededException"/> when it was stopped).</returns>
    public static (T? Value, Exception? Failure) Run<T>(EvaluationBudget budget, Func<T> call)
    {
        using var scope = ScriptMeter.Start(budget.ToLimits());
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

    /// <summary>An exception's message, read under a budget of its own: a script's exception type may compute it.</summary>
    public static string Describe(Exception exception) =>
        exception is BudgetExceededException
            ? exception.Message
            : Run(EvaluationBudget.Default, () => $"{exception.GetType().Name}: {exception.Message}") is (string text, null) ? text : exception.GetType().Name;

    public static bool IsBudgetExceeded(Exception exception) => exception is BudgetExceededException;
}
