using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Compilation;

/// <summary>
/// Binds the functions of a compiled script's class to delegates, by reflection alone: a rule loaded
/// from the cache is bound without the compiler. The contract was checked when it compiled (<see cref="FunctionContract"/>).
/// </summary>
internal static class FunctionBinder
{
    /// <summary>
    /// Creates the script's instance (running its field initialisers and static constructor under the
    /// budget) and binds its functions; null, with a diagnostic, when initialisation fails or runs too long.
    /// </summary>
    public static RuleFunctions? Bind(Type type, CompiledScript script, CorrelationDefinition? correlation, IReadOnlyList<RuleSuppression> suppressions, IReadOnlyDictionary<string, ScriptSourceMap> sources, EvaluationBudget budget, ICollection<Diagnostic> diagnostics)
    {
        var (instance, failure) = MeteredCall.Run(budget, () =>
        {
            RuntimeHelpers.RunClassConstructor(type.TypeHandle);
            return Activator.CreateInstance(type, nonPublic: true);
        });
        if (failure is not null)
        {
            var cause = failure is TargetInvocationException or TypeInitializationException && failure.InnerException is { } inner ? inner : failure;
            var code = MeteredCall.IsBudgetExceeded(cause) ? DiagnosticCodes.BudgetExceeded : DiagnosticCodes.RuleException;
            diagnostics.Add(Diagnostic.Error(code, ExceptionLocator.Locate(cause, sources, script.Path), $"the script's fields could not be initialised: {MeteredCall.Describe(cause)}", script.RuleId));
            return null;
        }

        // A 'when' that did not bind would leave its suppression matching on its other fields alone: broader than written.
        var bound = suppressions.Select((s, i) => s.When is null ? null : Bind<bool>(type, instance, SuppressionCode.MethodName(i))
            ?? throw new InvalidOperationException($"the 'when' of suppression '{s.Reason}' was not compiled into {script.TypeName}")).ToList();
        if (correlation is not null)
        {
            return new RuleFunctions(RuleFunctions.NoSingleEvent, Bind<string?>(type, instance, "Title"))
            {
                Suppressions = bound,
                Steps = correlation.Steps.Where(s => s.Function is not null).ToDictionary(
                    s => s.Name,
                    s => Bind<bool>(type, instance, s.Function!) ?? throw new InvalidOperationException($"step function {s.Function} was not compiled into {script.TypeName}"),
                    StringComparer.Ordinal),
                Group = correlation.GroupsByFunction ? Bind<string?>(type, instance, "Group") : null,
                Value = correlation.ValuesByFunction ? Bind<string?>(type, instance, "Value") : null,
            };
        }

        return new RuleFunctions(
            Bind<bool>(type, instance, "Rule")!,
            Bind<string?>(type, instance, "Title"),
            Bind<string?>(type, instance, "Dedup"),
            Bind<object?>(type, instance, "Severity"),
            Bind<object?>(type, instance, "AlertContext"))
        {
            Suppressions = bound,
        };
    }

    private static Func<CloudTrailEvent, T>? Bind<T>(Type type, object? instance, string name)
    {
        var method = type.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static, [typeof(CloudTrailEvent)]);
        if (method is null || method.ReturnType == typeof(void))
        {
            return null;
        }

        if (typeof(T).IsAssignableFrom(method.ReturnType) && !method.ReturnType.IsValueType || method.ReturnType == typeof(T))
        {
            return method.IsStatic ? method.CreateDelegate<Func<CloudTrailEvent, T>>() : method.CreateDelegate<Func<CloudTrailEvent, T>>(instance);
        }

        // Value types (an AlertContext returning a tuple or a number) need boxing.
        var parameter = Expression.Parameter(typeof(CloudTrailEvent), "e");
        Expression call = method.IsStatic ? Expression.Call(method, parameter) : Expression.Call(Expression.Constant(instance), method, parameter);
        if (call.Type != typeof(T))
        {
            call = Expression.Convert(call, typeof(T));
        }

        return Expression.Lambda<Func<CloudTrailEvent, T>>(call, parameter).Compile();
    }
}
