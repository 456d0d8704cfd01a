using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Scripting;
using Microsoft.CodeAnalysis;
using Diagnostic = DetectionKit.Engine.Diagnostics.Diagnostic;

namespace DetectionKit.Engine.Compilation;

/// <summary>
/// Checks the functions a script declares against the rule contract (on compiler symbols, so the
/// message points at the declaration) and binds them to delegates.
/// </summary>
internal static class FunctionBinder
{
    private static readonly string[] StringFunctions = ["Title", "Dedup"];

    // Without the containing type: the class is the engine's wrapper, not something the author wrote.
    private static readonly SymbolDisplayFormat SignatureFormat =
        SymbolDisplayFormat.MinimallyQualifiedFormat.RemoveMemberOptions(SymbolDisplayMemberOptions.IncludeContainingType);

    /// <summary>Contract checks; returns false (with diagnostics) when the script breaks it.</summary>
    public static bool Check(INamedTypeSymbol type, ScriptUnit unit, ICollection<Diagnostic> diagnostics)
    {
        var ok = true;
        var rule = Candidates(type, "Rule").ToList();
        if (!rule.Any(m => m.ReturnType.SpecialType == SpecialType.System_Boolean))
        {
            var at = rule.FirstOrDefault() is { } wrong ? Locate(wrong, unit) : new SourceLocation(unit.Path, 1, 1);
            var message = rule.Count == 0
                ? "the script defines no 'bool Rule(CloudTrailEvent e)' function; every rule script needs one"
                : $"'Rule' must be 'bool Rule(CloudTrailEvent e)', found '{rule[0].ToDisplayString(SignatureFormat)}'";
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.RuleFunctionMissing, at, message, unit.RuleId));
            ok = false;
        }

        foreach (var name in StringFunctions)
        {
            ok &= CheckOptional(type, name, m => m.ReturnType.SpecialType == SpecialType.System_String, $"string {name}(CloudTrailEvent e)", unit, diagnostics);
        }

        ok &= CheckOptional(type, "Severity", m => m.ReturnType.SpecialType == SpecialType.System_String || m.ReturnType.ToDisplayString() == typeof(AlertSeverity).FullName, "AlertSeverity Severity(CloudTrailEvent e)", unit, diagnostics);
        ok &= CheckOptional(type, "AlertContext", m => !m.ReturnsVoid, "<any type> AlertContext(CloudTrailEvent e)", unit, diagnostics);
        return ok;
    }

    /// <summary>
    /// Creates the script's instance (running its field initialisers and static constructor under the
    /// budget) and binds its functions; null, with a diagnostic, when initialisation fails or runs too long.
    /// </summary>
    public static RuleFunctions? Bind(Type type, ScriptUnit unit, IReadOnlyDictionary<string, ScriptSourceMap> sources, EvaluationBudget budget, ICollection<Diagnostic> diagnostics)
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
            diagnostics.Add(Diagnostic.Error(code, ExceptionLocator.Locate(cause, sources, unit.Path), $"the script's fields could not be initialised: {MeteredCall.Describe(cause)}", unit.RuleId));
            return null;
        }

        return new RuleFunctions(
            Bind<bool>(type, instance, "Rule")!,
            Bind<string?>(type, instance, "Title"),
            Bind<string?>(type, instance, "Dedup"),
            Bind<object?>(type, instance, "Severity"),
            Bind<object?>(type, instance, "AlertContext"))
        {
            // A 'when' that did not bind would leave its suppression matching on its other fields alone: broader than written.
            Suppressions = unit.Suppressions.Select((s, i) => s.When is null ? null : Bind<bool>(type, instance, SuppressionCode.MethodName(i))
                ?? throw new InvalidOperationException($"the 'when' of suppression '{s.Reason}' was not compiled into {unit.TypeName}")).ToList(),
        };
    }

    private static bool CheckOptional(INamedTypeSymbol type, string name, Func<IMethodSymbol, bool> returns, string expected, ScriptUnit unit, ICollection<Diagnostic> diagnostics)
    {
        var all = type.GetMembers(name).OfType<IMethodSymbol>().ToList();
        if (all.Count == 0 || Candidates(type, name).Any(returns))
        {
            return true;
        }

        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.FunctionSignature, Locate(all[0], unit), $"'{name}' must be '{expected}', found '{all[0].ToDisplayString(SignatureFormat)}'", unit.RuleId));
        return false;
    }

    private static IEnumerable<IMethodSymbol> Candidates(INamedTypeSymbol type, string name) =>
        type.GetMembers(name).OfType<IMethodSymbol>().Where(m =>
            m.Parameters.Length == 1
            && m.TypeParameters.Length == 0
            && m.Parameters[0].RefKind == RefKind.None
            && m.Parameters[0].Type.ToDisplayString() == typeof(CloudTrailEvent).FullName);

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

    private static SourceLocation Locate(ISymbol symbol, ScriptUnit unit)
    {
        var span = symbol.Locations.FirstOrDefault()?.GetMappedLineSpan();
        return span is { IsValid: true } s
            ? new SourceLocation(unit.Path, s.StartLinePosition.Line + 1, s.StartLinePosition.Character + 1)
            : new SourceLocation(unit.Path, 1, 1);
    }
}
