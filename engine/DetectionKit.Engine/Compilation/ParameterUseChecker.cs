using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Diagnostic = DetectionKit.Engine.Diagnostics.Diagnostic;

namespace DetectionKit.Engine.Compilation;

/// <summary>
/// Checks, on the semantic model, every read of a rule parameter through the rule API's
/// <c>Parameters</c> accessors: the name is a constant the rule declares, the accessor matches its
/// declared type, and the read happens while a function runs, not once in a field initialiser or
/// constructor (the value can differ per case and per settings file). Shared libraries read none:
/// they take values as arguments. A declared parameter the script never reads is a warning at its
/// YAML line. Reads in a settings file's <c>when</c> expressions are checked the same way, at that file.
/// </summary>
internal static class ParameterUseChecker
{
    private const string AccessorType = "DetectionKit.Scripting.Parameters";

    public static IReadOnlyList<Diagnostic> Check(SemanticModel model, ScriptUnit unit)
    {
        var found = new List<Diagnostic>();
        var named = new HashSet<string>(StringComparer.Ordinal);
        var paths = unit.CheckedPaths.ToHashSet(StringComparer.Ordinal);
        foreach (var name in unit.Tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
        {
            if (model.GetSymbolInfo(name).Symbol is not IMethodSymbol method || method.ContainingType?.ToDisplayString() != AccessorType
                || Locate(name, paths) is not { } at)
            {
                continue;
            }

            void Report(string code, string message) => found.Add(Diagnostic.Error(code, at, message, unit.RuleId));
            var accessor = $"Parameters.{method.Name}";
            if (unit.Rule is null && unit.ExpressionPaths.Count > 0)
            {
                Report(DiagnosticCodes.HuntParameterRead, $"a hunt expression belongs to no rule and has no parameters: write the value itself instead of {accessor}(\"...\")");
                continue;
            }

            if (unit.Rule is not { } rule)
            {
                Report(DiagnosticCodes.ParameterReadInLibrary, $"a shared library does not read rule parameters (it belongs to no rule, and declares none): take the value as an argument, and pass {accessor}(\"...\") from the rule that declares it");
                continue;
            }

            var argument = InvocationOf(name)?.ArgumentList.Arguments.FirstOrDefault();
            if (argument is null || model.GetConstantValue(argument.Expression) is not { HasValue: true, Value: string parameter })
            {
                Report(DiagnosticCodes.ParameterNameNotConstant, $"call {accessor} with the parameter's name as a constant string ({accessor}(\"name\")), so that the compiler can check that the rule declares it");
                continue;
            }

            if (at.Path == unit.Path)
            {
                named.Add(parameter);
            }

            var yaml = Relative(rule.YamlPath);
            if (rule.Parameters.FirstOrDefault(p => p.Name == parameter) is not { } declared)
            {
                var suggestion = ClosestName.Find(parameter, rule.Parameters.Select(p => p.Name));
                var hint = suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)";
                Report(DiagnosticCodes.ParameterNotDeclared, $"the rule declares no parameter '{parameter}'{hint}; declare it under 'parameters:' in {yaml}, with a type, a description and a default");
            }
            else if (declared.Type.Accessor() != method.Name)
            {
                Report(DiagnosticCodes.ParameterTypeMismatch, $"parameter '{parameter}' is declared as {declared.Type.ToName()} in {yaml}: read it with Parameters.{declared.Type.Accessor()}(\"{parameter}\"), not {accessor}");
            }
            else if (RunsAtInitialisation(name))
            {
                var type = method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                Report(DiagnosticCodes.ParameterReadAtInitialisation, $"parameter '{parameter}' is read while the script's fields are initialised, once for every case and settings file: read it inside a function, or make this a property that reads it each time ('static {type} Name => {accessor}(\"{parameter}\");')");
            }
        }

        if (unit.Rule is { } declaring)
        {
            foreach (var unused in declaring.Parameters.Where(p => !named.Contains(p.Name)))
            {
                found.Add(Diagnostic.Warning(DiagnosticCodes.ParameterNeverRead, unused.Location, $"parameter '{unused.Name}' is declared, but the script never reads it (Parameters.{unused.Type.Accessor()}(\"{unused.Name}\")): a value set for it changes nothing; read it or remove it", declaring.Id));
            }
        }

        return found;
    }

    /// <summary>The call a name is the method of, as <c>Parameters.X(...)</c> or, imported with <c>using static</c>, <c>X(...)</c>; null for a method group.</summary>
    private static InvocationExpressionSyntax? InvocationOf(SimpleNameSyntax name) =>
        name.Parent is MemberAccessExpressionSyntax access && access.Name == name
            ? access.Parent as InvocationExpressionSyntax is { } call && call.Expression == access ? call : null
            : name.Parent is InvocationExpressionSyntax direct && direct.Expression == name ? direct : null;

    /// <summary>
    /// Code that runs once, when the rule is compiled: static initialisers and constructors, and the
    /// instance initialisers and constructors of the script's own class (made once, when it is bound).
    /// A lambda or local function inside them runs later; a nested type's instance members run per <c>new</c>.
    /// </summary>
    private static bool RunsAtInitialisation(SyntaxNode node)
    {
        for (var ancestor = node.Parent; ancestor is not null; ancestor = ancestor.Parent)
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    return false;
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax field } }:
                    return RunsOnce(field);
                case EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property }:
                    return RunsOnce(property);
                case ConstructorDeclarationSyntax constructor:
                    return RunsOnce(constructor);
                case MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    private static bool RunsOnce(MemberDeclarationSyntax member) =>
        member.Modifiers.Any(m => m.IsKind(SyntaxKind.StaticKeyword))
        || member.Parent is TypeDeclarationSyntax { Parent: BaseNamespaceDeclarationSyntax or CompilationUnitSyntax };

    private static SourceLocation? Locate(SyntaxNode node, IReadOnlySet<string> paths)
    {
        var span = node.GetLocation().GetMappedLineSpan();
        return span.IsValid && span.HasMappedPath && paths.Contains(span.Path)
            ? new SourceLocation(span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1)
            : null;
    }

    private static string Relative(string path) => Path.GetRelativePath(Environment.CurrentDirectory, path);
}
