using System.Reflection;
using System.Runtime.Loader;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using CodeDiagnostic = Microsoft.CodeAnalysis.Diagnostic;
using CodeSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;
using Diagnostic = DetectionKit.Engine.Diagnostics.Diagnostic;

namespace DetectionKit.Engine.Compilation;

/// <summary>
/// Compiles the scripts of all rules of one load into one assembly. A script that fails to compile
/// is reported at its own file, line and column and left out; the others are compiled again without
/// it, so one broken rule never stops the rest.
/// </summary>
public static class RuleCompiler
{
    // Debug code generation keeps every script function a real stack frame (the JIT neither
    // optimises nor inlines it), so an exception names the script line that threw. Rule bodies are
    // small; the engine code they call is optimised as usual.
    private static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Debug,
        nullableContextOptions: NullableContextOptions.Disable,
        concurrentBuild: true);

    private static readonly SyntaxTree GlobalUsings = CSharpSyntaxTree.ParseText(
        string.Concat(ScriptUsings.Defaults.Select(ns => $"global using {ns};\n")),
        ScriptUnit.CompilationParseOptions,
        path: "DetectionKit.GlobalUsings.g.cs",
        encoding: System.Text.Encoding.UTF8);

    public static RuleCompilationResult Compile(IReadOnlyList<RuleDefinition> rules)
    {
        var diagnostics = new List<Diagnostic>();
        var units = new List<ScriptUnit>();
        for (var index = 0; index < rules.Count; index++)
        {
            var rule = rules[index];
            string text;
            try
            {
                text = File.ReadAllText(rule.ScriptPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ScriptMissing, new SourceLocation(rule.ScriptPath), $"cannot read the script: {ex.Message}", rule.Id));
                continue;
            }

            if (ScriptUnit.Create(rule, text, index, diagnostics) is { } unit)
            {
                units.Add(unit);
            }
        }

        if (units.Count == 0)
        {
            return new RuleCompilationResult([], diagnostics);
        }

        var (assembly, compilation, compiled) = EmitExcludingFailures(units, diagnostics);
        var result = new List<CompiledRule>();
        foreach (var unit in compiled)
        {
            var symbol = compilation.GetTypeByMetadataName(unit.TypeName)!;
            if (FunctionBinder.Check(symbol, unit, diagnostics))
            {
                result.Add(new CompiledRule(unit.Rule, FunctionBinder.Bind(assembly!.GetType(unit.TypeName, throwOnError: true)!)));
            }
        }

        return new RuleCompilationResult(result, diagnostics);
    }

    private static (Assembly? Assembly, CSharpCompilation Compilation, List<ScriptUnit> Units) EmitExcludingFailures(List<ScriptUnit> units, List<Diagnostic> diagnostics)
    {
        while (true)
        {
            var compilation = CSharpCompilation.Create(
                $"DetectionKit.Rules.{Guid.NewGuid():N}",
                [GlobalUsings, .. units.Select(u => u.Tree)],
                ScriptReferences.Get(),
                Options);
            using var pe = new MemoryStream();
            using var pdb = new MemoryStream();
            var emit = compilation.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
            var failed = new HashSet<ScriptUnit>();
            foreach (var diagnostic in emit.Diagnostics)
            {
                if (diagnostic.Severity is not (CodeSeverity.Error or CodeSeverity.Warning) || diagnostic.IsSuppressed)
                {
                    continue;
                }

                var unit = units.FirstOrDefault(u => u.Tree == diagnostic.Location.SourceTree);
                if (unit is null)
                {
                    if (diagnostic.Severity == CodeSeverity.Error)
                    {
                        throw new InvalidOperationException($"rule compilation failed outside any rule script: {diagnostic}");
                    }

                    continue;
                }

                var isError = diagnostic.Severity == CodeSeverity.Error;
                if (isError)
                {
                    failed.Add(unit);
                }

                if (isError || !emit.Success || failed.Count == 0)
                {
                    diagnostics.Add(Map(diagnostic, unit, isError));
                }
            }

            if (emit.Success)
            {
                pe.Position = 0;
                pdb.Position = 0;
                var context = new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true);
                return (context.LoadFromStream(pe, pdb), compilation, units);
            }

            if (failed.Count == 0)
            {
                throw new InvalidOperationException("rule compilation failed without an error in any rule script");
            }

            // Warnings of surviving scripts are reported again on the next pass; keep only errors now.
            diagnostics.RemoveAll(d => !d.IsError && d.Code == DiagnosticCodes.CompileError);
            units = units.Where(u => !failed.Contains(u)).ToList();
            if (units.Count == 0)
            {
                return (null, compilation, units);
            }
        }
    }

    private static Diagnostic Map(CodeDiagnostic diagnostic, ScriptUnit unit, bool isError)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        var location = span.IsValid && span.HasMappedPath && span.Path == unit.Rule.ScriptPath
            ? new SourceLocation(unit.Rule.ScriptPath, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1)
            : EndOf(unit.Rule.ScriptPath);
        var message = $"{diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        return isError
            ? Diagnostic.Error(DiagnosticCodes.CompileError, location, message, unit.Rule.Id)
            : Diagnostic.Warning(DiagnosticCodes.CompileError, location, message, unit.Rule.Id);
    }

    /// <summary>Errors in the wrapper (an unclosed brace swallowing it, say) are reported at the script's end.</summary>
    private static SourceLocation EndOf(string path)
    {
        var lines = File.Exists(path) ? File.ReadAllLines(path) : [];
        return new SourceLocation(path, Math.Max(1, lines.Length), (lines.LastOrDefault()?.Length ?? 0) + 1);
    }
}
