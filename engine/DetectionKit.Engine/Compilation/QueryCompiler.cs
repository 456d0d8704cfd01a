using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Scripting;
using DetectionKit.Scripting.Execution;

namespace DetectionKit.Engine.Compilation;

/// <summary>
/// Compiles a hunt query's expressions with the rule compiler (<see cref="RuleCompiler.CompileQuery"/>):
/// the rule API and the same allow-list, refused uses reported with the codes rules get, and every call
/// metered by the same budget. There is no second, weaker compiler for ad-hoc questions.
/// </summary>
public static partial class QueryCompiler
{
    private const string QueryPath = "<hunt>";

    /// <param name="where">The test a record must pass (<c>--where</c>); null for every record.</param>
    /// <param name="values">The values worked out for each record that passes (<c>--select</c> or <c>--count-by</c>).</param>
    /// <param name="budget">What each call may spend; the budget of a rule call unless given.</param>
    public static QueryCompilationResult Compile(QueryExpression? where, IReadOnlyList<QueryExpression> values, EvaluationBudget? budget = null)
    {
        var code = QueryCode.Generate(where, values);
        var options = values.Select(v => v.Option).Prepend(where?.Option).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var unit = ScriptUnit.ForQuery(QueryPath, QueryCode.TypeName, code, options);
        var diagnostics = new List<Diagnostic>();
        var emitted = RuleCompiler.CompileQuery(unit, diagnostics);
        diagnostics = diagnostics.Select(d => NotBool(d, where)).ToList();
        if (emitted is not { } compiled || diagnostics.Any(d => d.IsError))
        {
            return new QueryCompilationResult(null, diagnostics);
        }

        budget ??= EvaluationBudget.Default;
        using var pe = new MemoryStream(compiled.Assembly, writable: false);
        using var pdb = new MemoryStream(compiled.Pdb, writable: false);
        var assembly = new AssemblyLoadContext(ScriptMeter.CompiledRulesAssembly, isCollectible: true).LoadFromStream(pe, pdb);
        var type = assembly.GetType(QueryCode.TypeName, throwOnError: true)!;
        var (instance, failure) = MeteredCall.Run(budget, () => Activator.CreateInstance(type, nonPublic: true));
        if (failure is not null || instance is null)
        {
            throw new InvalidOperationException($"the hunt query's class could not be created: {failure?.Message}");
        }

        var test = where is null ? null : Bind<bool>(type, instance, QueryCode.WhereMethod);
        var functions = values.Select((_, i) => Bind<object?>(type, instance, QueryCode.ValueMethod(i))).ToList();
        return new QueryCompilationResult(new CompiledQuery(where, test, values, functions, budget), diagnostics);
    }

    private static Func<CloudTrailEvent, T> Bind<T>(Type type, object instance, string name)
    {
        var method = type.GetMethod(name, BindingFlags.NonPublic | BindingFlags.Instance, [typeof(CloudTrailEvent)])
            ?? throw new InvalidOperationException($"{name} was not compiled into the hunt query's class");
        return method.CreateDelegate<Func<CloudTrailEvent, T>>(instance);
    }

    /// <summary>The compiler's "cannot convert X to bool" at the start of <c>--where</c>, said as what it means for a query.</summary>
    private static Diagnostic NotBool(Diagnostic diagnostic, QueryExpression? where)
    {
        if (where is null || diagnostic.Code != DiagnosticCodes.CompileError || diagnostic.Location != where.Location
            || ConversionToBool().Match(diagnostic.Message) is not { Success: true } match)
        {
            return diagnostic;
        }

        var found = match.Groups["type"].Value;
        var fix = found == "bool?"
            ? "write '== true' after it (a missing value is then false)"
            : "compare it (== \"...\", > 0) or test it (e.Has(\"...\"), string.IsNullOrEmpty(...))";
        return diagnostic with
        {
            Code = DiagnosticCodes.HuntWhereNotBool,
            Message = $"--where must be true or false for each record, but this expression {(found == "<null>" ? "is null" : $"is of type {found}")}: {fix}",
        };
    }

    [GeneratedRegex(@"^CS(?:0029|0266|0037): Cannot (?:implicitly )?convert (?:type )?'?(?<type>[^']+?)'? to 'bool'")]
    private static partial Regex ConversionToBool();
}
