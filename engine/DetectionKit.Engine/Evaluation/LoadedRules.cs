using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Engine.Evaluation;

/// <summary>The outcome of loading a rules directory: what will run, what was defined, and every problem.</summary>
public sealed record LoadedRules(
    RuleSet RuleSet,
    IReadOnlyList<Compilation.CompiledRule> Compiled,
    IReadOnlyList<RuleDefinition> Definitions,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
