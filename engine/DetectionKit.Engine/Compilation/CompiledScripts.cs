using System.Runtime.Loader;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting.Execution;

namespace DetectionKit.Engine.Compilation;

/// <summary>
/// What compiling a set of rules produced, as data: the emitted assembly and its portable PDB, each
/// rule's class, the maps back to what the authors wrote, and every compile-time diagnostic (the
/// warnings, and the errors of the rules left out). Everything here passed the allow-list and the rule
/// contract. Loading it needs no compiler, which is what makes a cached compilation fast to start.
/// </summary>
internal sealed record CompiledScripts(
    byte[] Assembly,
    byte[] Pdb,
    IReadOnlyList<CompiledScript> Scripts,
    IReadOnlyDictionary<string, ScriptSourceMap> Sources,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Whether each script is the one of the rule at its position: a cached entry is used only for the rules it was compiled from.</summary>
    public bool Fits(IReadOnlyList<RuleDefinition> rules) =>
        Scripts.All(s => s.RuleIndex >= 0 && s.RuleIndex < rules.Count && rules[s.RuleIndex].Id == s.RuleId && System.IO.Path.GetFullPath(rules[s.RuleIndex].ScriptPath) == s.Path);

    /// <summary>
    /// Loads the assembly into its own collectible context and binds each rule's functions (running
    /// its field initialisers under the budget, which may report and leave out a rule).
    /// </summary>
    /// <exception cref="InvalidDataException">The scripts do not fit <paramref name="rules"/>: they were compiled from others.</exception>
    public RuleCompilationResult Load(IReadOnlyList<RuleDefinition> rules, EvaluationBudget? budget, Func<string, IReadOnlyList<RuleSuppression>>? suppressions)
    {
        var diagnostics = new List<Diagnostic>(Diagnostics);
        if (Scripts.Count == 0)
        {
            return new RuleCompilationResult([], diagnostics);
        }

        if (!Fits(rules))
        {
            throw new InvalidDataException("the compiled scripts are not those of these rules");
        }

        using var pe = new MemoryStream(Assembly, writable: false);
        using var pdb = new MemoryStream(Pdb, writable: false);
        var assembly = new AssemblyLoadContext(ScriptMeter.CompiledRulesAssembly, isCollectible: true).LoadFromStream(pe, pdb);
        var result = new List<CompiledRule>();
        foreach (var script in Scripts)
        {
            var rule = rules[script.RuleIndex];
            var type = assembly.GetType(script.TypeName, throwOnError: true)!;
            var sources = script.SourcePaths.ToDictionary(p => p, p => Sources[p], StringComparer.Ordinal);
            var ruleSuppressions = suppressions?.Invoke(rule.Id) ?? [];
            if (FunctionBinder.Bind(type, script, rule.Correlation, ruleSuppressions, sources, budget ?? EvaluationBudget.Default, diagnostics) is { } functions)
            {
                var bound = ruleSuppressions.Select((s, i) => new CompiledSuppression(s, functions.Suppressions[i])).ToList();
                result.Add(new CompiledRule(rule, functions) { Sources = sources, Suppressions = bound });
            }
        }

        return new RuleCompilationResult(result, diagnostics);
    }
}
