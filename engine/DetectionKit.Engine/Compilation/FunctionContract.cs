using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;
using Microsoft.CodeAnalysis;
using Diagnostic = DetectionKit.Engine.Diagnostics.Diagnostic;

namespace DetectionKit.Engine.Compilation;

/// <summary>
/// Checks the functions a script declares against the rule contract, on compiler symbols, so the
/// message points at the declaration. Binding them is <see cref="FunctionBinder"/>'s, which needs no compiler.
/// </summary>
internal static class FunctionContract
{
    private static readonly string[] StringFunctions = ["Title", "Dedup"];

    // Without the containing type: the class is the engine's wrapper, not something the author wrote.
    private static readonly SymbolDisplayFormat SignatureFormat =
        SymbolDisplayFormat.MinimallyQualifiedFormat.RemoveMemberOptions(SymbolDisplayMemberOptions.IncludeContainingType);

    /// <summary>Contract checks; returns false (with diagnostics) when the script breaks it.</summary>
    public static bool Check(INamedTypeSymbol type, ScriptUnit unit, ICollection<Diagnostic> diagnostics)
    {
        if (unit.Rule?.Correlation is { } correlation)
        {
            return CheckCorrelation(type, correlation, unit, diagnostics);
        }

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
    /// A correlation rule's script: a <c>bool</c> function for each function step, <c>Group</c> when there is
    /// no <c>group_by</c>, <c>Value</c> for a value_count without <c>field</c>; <c>Title</c> is optional. It has no <c>Rule</c>.
    /// </summary>
    private static bool CheckCorrelation(INamedTypeSymbol type, CorrelationDefinition correlation, ScriptUnit unit, ICollection<Diagnostic> diagnostics)
    {
        var ok = true;
        void Require(string name, string expected, Func<IMethodSymbol, bool> returns, SourceLocation? at, string why)
        {
            if (Candidates(type, name).Any(returns))
            {
                return;
            }

            var found = type.GetMembers(name).OfType<IMethodSymbol>().FirstOrDefault();
            var message = found is null
                ? $"the script defines no '{expected}' function; {why}"
                : $"'{name}' must be '{expected}', found '{found.ToDisplayString(SignatureFormat)}'";
            diagnostics.Add(Diagnostic.Error(found is null ? DiagnosticCodes.RuleFunctionMissing : DiagnosticCodes.FunctionSignature, found is null ? at ?? new SourceLocation(unit.Path, 1, 1) : Locate(found, unit), message, unit.RuleId));
            ok = false;
        }

        foreach (var step in correlation.Steps.Where(s => s.Function is not null))
        {
            Require(step.Function!, $"bool {step.Function}(CloudTrailEvent e)", m => m.ReturnType.SpecialType == SpecialType.System_Boolean, step.Location, $"step '{step.Name}' of the correlation names it");
        }

        if (correlation.GroupsByFunction)
        {
            Require("Group", "string Group(CloudTrailEvent e)", m => m.ReturnType.SpecialType == SpecialType.System_String, correlation.Location, "without 'group_by' the group key comes from it");
        }

        if (correlation.ValuesByFunction)
        {
            Require("Value", "string Value(CloudTrailEvent e)", m => m.ReturnType.SpecialType == SpecialType.System_String, correlation.Location, "a value_count rule without 'field' counts its distinct values");
        }

        return ok & CheckOptional(type, "Title", m => m.ReturnType.SpecialType == SpecialType.System_String, "string Title(CloudTrailEvent e)", unit, diagnostics);
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

    private static SourceLocation Locate(ISymbol symbol, ScriptUnit unit)
    {
        var span = symbol.Locations.FirstOrDefault()?.GetMappedLineSpan();
        return span is { IsValid: true } s
            ? new SourceLocation(unit.Path, s.StartLinePosition.Line + 1, s.StartLinePosition.Character + 1)
            : new SourceLocation(unit.Path, 1, 1);
    }
}
