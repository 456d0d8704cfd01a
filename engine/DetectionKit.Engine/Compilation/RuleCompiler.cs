using System.Globalization;
using DetectionKit.Engine.Compilation.Safety;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting.Execution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;
using CodeDiagnostic = Microsoft.CodeAnalysis.Diagnostic;
using CodeSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;
using Diagnostic = DetectionKit.Engine.Diagnostics.Diagnostic;

namespace DetectionKit.Engine.Compilation;

/// <summary>
/// Compiles the scripts of all rules of one load into one assembly. A script that fails to compile,
/// uses anything outside the rule API and the allow-list, or breaks the rule contract is reported at
/// its own file, line and column and left out; the others are compiled again without it, so one broken
/// rule never stops the rest. What is emitted is instrumented so that every call can be stopped.
/// </summary>
public static class RuleCompiler
{
    // See CompilerSettings for why the compiler does not optimise and the JIT does.
    private static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Debug,
        nullableContextOptions: NullableContextOptions.Disable,
        // Unsafe code compiles so that the allow-list can refuse it with its own message.
        allowUnsafe: true,
        concurrentBuild: true);

    private static readonly SyntaxTree GlobalUsings = CSharpSyntaxTree.ParseText(
        string.Concat(ScriptUsings.Defaults.Select(ns => $"global using {ns};\n")) + CompilerSettings.JitOptimized + "\n",
        ScriptUnit.CompilationParseOptions,
        path: "DetectionKit.GlobalUsings.g.cs",
        encoding: System.Text.Encoding.UTF8);

    /// <param name="rules">The rules to compile.</param>
    /// <param name="budget">What initialising each script's fields may spend.</param>
    /// <param name="suppressions">An organisation's suppressions of a rule, by rule id: their <c>when</c> expressions compile into the rule's class.</param>
    public static RuleCompilationResult Compile(IReadOnlyList<RuleDefinition> rules, EvaluationBudget? budget = null, Func<string, IReadOnlyList<RuleSuppression>>? suppressions = null) =>
        CompileScripts(rules, suppressions).Load(rules, budget, suppressions);

    /// <summary>
    /// Compiles a hunt query's class (<see cref="QueryCode"/>) exactly as a rule script is compiled:
    /// the same references and global usings, the same allow-list and construct checks, the same budget
    /// instrumentation. Null, with the problems at their options' columns, when it does not pass.
    /// </summary>
    internal static (byte[] Assembly, byte[] Pdb)? CompileQuery(ScriptUnit query, List<Diagnostic> diagnostics)
    {
        var (compilation, units, models) = CheckExcludingFailures([query], new Dictionary<ScriptUnit, List<ScriptUnit>> { [query] = [] }, diagnostics);
        if (units.Count == 0)
        {
            return null;
        }

        var (assembly, pdb, emitted) = EmitInstrumented(compilation, units, models, diagnostics);
        return emitted.Count == 0 ? null : (assembly, pdb);
    }

    /// <summary>Compiles, checks and emits, without loading what was emitted: the part of <see cref="Compile"/> a cache can keep.</summary>
    internal static CompiledScripts CompileScripts(IReadOnlyList<RuleDefinition> rules, Func<string, IReadOnlyList<RuleSuppression>>? suppressions)
    {
        var diagnostics = new List<Diagnostic>();
        var libraries = new Dictionary<string, ScriptUnit>(StringComparer.Ordinal);
        var unreadable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in rules.Select(r => r.RulesRoot).Distinct(StringComparer.Ordinal))
        {
            foreach (var file in ScriptLibraries.Files(root))
            {
                if (libraries.ContainsKey(file) || unreadable.Contains(file))
                {
                    continue;
                }

                if (ScriptUnit.ForLibrary(file, root, libraries.Count, diagnostics) is { } library)
                {
                    libraries[file] = library;
                }
                else
                {
                    unreadable.Add(file);
                }
            }
        }

        var units = new List<ScriptUnit>(libraries.Values);
        for (var index = 0; index < rules.Count; index++)
        {
            if (ScriptUnit.ForRule(rules[index], index, diagnostics) is { } unit)
            {
                unit.Suppressions = suppressions?.Invoke(unit.Rule!.Id) ?? [];
                units.Add(unit);
            }
        }

        var closures = units.ToDictionary(u => u, u => Closure(u, libraries));
        foreach (var unit in units)
        {
            unit.Generate(libraries, closures[unit]);
        }

        // A script that loads a library that could not even be read goes with it.
        var usable = units.Where(u => !LoadsBroken(u, libraries, unreadable.Contains, diagnostics)).ToList();
        var (compilation, checkedUnits, models) = CheckExcludingFailures(usable, closures, diagnostics);
        if (checkedUnits.Count == 0)
        {
            return new CompiledScripts([], [], [], new Dictionary<string, ScriptSourceMap>(), diagnostics);
        }

        var (assembly, pdb, emitted) = EmitInstrumented(compilation, checkedUnits, models, diagnostics);
        var sources = emitted.ToDictionary(e => e.Unit.Path, e => e.Source, StringComparer.Ordinal);
        var indexes = rules.Select((r, i) => (r, i)).ToDictionary(p => (object)p.r, p => p.i, ReferenceEqualityComparer.Instance);
        var scripts = emitted
            .Where(e => e.Unit.Rule is not null)
            .Select(e => new CompiledScript(indexes[e.Unit.Rule!], e.Unit.Rule!.Id, e.Unit.Path, e.Unit.TypeName, [.. closures[e.Unit].Select(u => u.Path), e.Unit.Path]))
            .ToList();
        return new CompiledScripts(assembly, pdb, scripts, sources, diagnostics);
    }

    /// <summary>Every library a script reaches through <c>#load</c>, directly or through other libraries.</summary>
    private static List<ScriptUnit> Closure(ScriptUnit unit, IReadOnlyDictionary<string, ScriptUnit> libraries)
    {
        var found = new List<ScriptUnit>();
        var pending = new Stack<string>(unit.Loads.Select(l => l.Path));
        while (pending.TryPop(out var path))
        {
            if (libraries.TryGetValue(path, out var library) && library != unit && !found.Contains(library))
            {
                found.Add(library);
                foreach (var (next, _) in library.Loads)
                {
                    pending.Push(next);
                }
            }
        }

        return found;
    }

    private static bool LoadsBroken(ScriptUnit unit, IReadOnlyDictionary<string, ScriptUnit> libraries, Func<string, bool> isUnreadable, List<Diagnostic> diagnostics)
    {
        foreach (var (path, at) in unit.Loads)
        {
            if (isUnreadable(path) || !libraries.ContainsKey(path))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.LibraryFailed, at, $"the shared library {Relative(path)} has errors (reported at its lines), so this script, which loads it, cannot run", unit.RuleId));
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Compiles, then checks each script against the allow-list and the rule contract; a script that
    /// fails either is reported and left out, with every script that loads it if it is a library, and
    /// the rest are checked again without them.
    /// </summary>
    private static (CSharpCompilation Compilation, List<ScriptUnit> Units, Dictionary<ScriptUnit, SemanticModel> Models) CheckExcludingFailures(List<ScriptUnit> units, IReadOnlyDictionary<ScriptUnit, List<ScriptUnit>> closures, List<Diagnostic> diagnostics)
    {
        while (true)
        {
            var compilation = CSharpCompilation.Create(ScriptMeter.CompiledRulesAssembly, [GlobalUsings, .. units.Select(u => u.Tree)], ScriptReferences.Get(), Options);
            if (units.Count == 0)
            {
                return (compilation, units, []);
            }

            var failed = new HashSet<ScriptUnit>();
            var warnings = new List<Diagnostic>();
            var errors = new List<(ScriptUnit Unit, Diagnostic Error)>();
            // One semantic model per script serves the compiler's diagnostics, the allow-list and the
            // instrumentation: each binds the script's bodies once.
            var models = units.ToDictionary(u => u, u => compilation.GetSemanticModel(u.Tree));
            var all = compilation.GetSemanticModel(GlobalUsings).GetDiagnostics().Concat(units.SelectMany(u => models[u].GetDiagnostics())).ToList();
            foreach (var diagnostic in all)
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

                if (diagnostic.Severity == CodeSeverity.Error)
                {
                    failed.Add(unit);
                    errors.Add((unit, Map(diagnostic, unit, isError: true)));
                }
                else
                {
                    warnings.Add(Map(diagnostic, unit, isError: false));
                }
            }

            // A script's errors that come from a broken library it loads are that library's: say only that.
            var brokenLibraries = failed.Where(u => u.IsLibrary).ToHashSet();
            diagnostics.AddRange(errors.Where(e => e.Unit.IsLibrary || !closures[e.Unit].Any(brokenLibraries.Contains)).Select(e => e.Error));
            failed.RemoveWhere(u => !u.IsLibrary && closures[u].Any(brokenLibraries.Contains));

            // Checking binds each script's bodies in its own semantic model: spread over the cores.
            var candidates = units.Where(u => !failed.Contains(u)).ToList();
            var policy = new IReadOnlyList<Diagnostic>[candidates.Count];
            Parallel.For(0, candidates.Count, i =>
            {
                var unit = candidates[i];
                policy[i] = unit.CheckedPaths.SelectMany(path => ScriptPolicyChecker.Check(models[unit], unit.Tree, path, unit.RuleId))
                    .Concat(ParameterUseChecker.Check(models[unit], unit))
                    .ToList();
            });
            for (var i = 0; i < candidates.Count; i++)
            {
                var unit = candidates[i];
                var problems = policy[i];
                warnings.AddRange(problems.Where(p => !p.IsError));
                problems = problems.Where(p => p.IsError).ToList();
                diagnostics.AddRange(problems);
                if (problems.Count > 0 || (unit.Rule is not null && !FunctionContract.Check(compilation.GetTypeByMetadataName(unit.TypeName)!, unit, diagnostics)))
                {
                    failed.Add(unit);
                }
            }

            foreach (var unit in units.Where(u => !failed.Contains(u)))
            {
                if (closures[unit].FirstOrDefault(failed.Contains) is { } broken)
                {
                    failed.Add(unit);
                    var at = unit.Loads.FirstOrDefault(l => l.Path == broken.Path).At ?? unit.Loads[0].At;
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.LibraryFailed, at, $"the shared library {Relative(broken.Path)} has errors (reported at its lines), so this script, which loads it, cannot run", unit.RuleId));
                }
            }

            if (failed.Count == 0)
            {
                // Warnings are reported once, for the scripts that made it.
                diagnostics.AddRange(warnings);
                return (compilation, units, models);
            }

            units = units.Where(u => !failed.Contains(u)).ToList();
        }
    }

    /// <summary>Injects the budget meter into every checked script and emits them as one assembly.</summary>
    private static (byte[] Assembly, byte[] Pdb, List<(ScriptUnit Unit, ScriptSourceMap Source)> Units) EmitInstrumented(CSharpCompilation compilation, List<ScriptUnit> units, IReadOnlyDictionary<ScriptUnit, SemanticModel> models, List<Diagnostic> diagnostics)
    {
        var instrumented = compilation;
        var sources = new Dictionary<ScriptUnit, ScriptSourceMap>();
        var trees = new SyntaxTree[units.Count];
        Parallel.For(0, units.Count, i => trees[i] = BudgetInstrumenter.Instrument(units[i].Tree, models[units[i]]));
        for (var i = 0; i < units.Count; i++)
        {
            instrumented = instrumented.ReplaceSyntaxTree(units[i].Tree, trees[i]);
            sources[units[i]] = SourceMap(units[i], trees[i]);
        }

        while (true)
        {
            using var pe = new MemoryStream();
            using var pdb = new MemoryStream();
            var emit = instrumented.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
            if (emit.Success)
            {
                return (pe.ToArray(), pdb.ToArray(), units.Select(u => (u, sources[u])).ToList());
            }

            // The scripts compiled before instrumentation, so an error now is the engine's: say so, and keep the others.
            var broken = new HashSet<ScriptUnit>();
            foreach (var error in emit.Diagnostics.Where(d => d.Severity == CodeSeverity.Error))
            {
                var unit = units.FirstOrDefault(u => u.Tree.FilePath == error.Location.SourceTree?.FilePath)
                    ?? throw new InvalidOperationException($"rule compilation failed outside any rule script: {error}");
                if (broken.Add(unit))
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.CompileError, new SourceLocation(unit.Path), $"the engine could not add its time budget to this script ({error.GetMessage(CultureInfo.InvariantCulture)}); this is a DetectionKit bug, please report it with the script", unit.RuleId));
                }
            }

            instrumented = instrumented.RemoveSyntaxTrees(instrumented.SyntaxTrees.Where(t => broken.Any(u => u.Tree.FilePath == t.FilePath)));
            units = units.Where(u => !broken.Contains(u)).ToList();
        }
    }

    /// <summary>For each line of the script, the instrumented line that stands for it, through the tree's <c>#line</c> directives.</summary>
    private static ScriptSourceMap SourceMap(ScriptUnit unit, SyntaxTree tree)
    {
        // The last mapping wins: a hoisted using is mapped once before the body, the body's own line after it.
        var lines = new Dictionary<int, string>();
        foreach (var line in tree.GetText().Lines)
        {
            var mapped = tree.GetMappedLineSpan(new TextSpan(line.Start, 0));
            var text = line.ToString();
            if (mapped.HasMappedPath && mapped.Path == unit.Path && !text.StartsWith("#line", StringComparison.Ordinal))
            {
                lines[mapped.StartLinePosition.Line + 1] = text;
            }
        }

        return new ScriptSourceMap(unit.Path, unit.Text, lines);
    }

    private static Diagnostic Map(CodeDiagnostic diagnostic, ScriptUnit unit, bool isError)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        var location = span.IsValid && span.HasMappedPath && unit.CheckedPaths.Contains(span.Path)
            ? new SourceLocation(span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1)
            : EndOf(unit.Path);
        var message = $"{diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        return isError
            ? Diagnostic.Error(DiagnosticCodes.CompileError, location, message, unit.RuleId)
            : Diagnostic.Warning(DiagnosticCodes.CompileError, location, message, unit.RuleId);
    }

    private static string Relative(string path) => Path.GetRelativePath(Environment.CurrentDirectory, path);

    /// <summary>Errors in the wrapper (an unclosed brace swallowing it, say) are reported at the script's end.</summary>
    private static SourceLocation EndOf(string path)
    {
        var lines = File.Exists(path) ? File.ReadAllLines(path) : [];
        return new SourceLocation(path, Math.Max(1, lines.Length), (lines.LastOrDefault()?.Length ?? 0) + 1);
    }
}
