using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Loading;

namespace DetectionKit.Engine.Evaluation;

/// <summary>Load, compile, lock: turns a rules directory into an immutable <see cref="RuleSet"/>.</summary>
public static class RuleSetBuilder
{
    public static LoadedRules Build(string rulesRoot, Func<Rules.RuleDefinition, bool>? include = null)
    {
        var loaded = RuleLoader.Load(rulesRoot);
        var selected = include is null ? loaded.Rules : loaded.Rules.Where(include).ToList();
        var compiled = RuleCompiler.Compile(selected);
        // Running does not need the recorded cases: their problems are warnings here.
        var diagnostics = loaded.Diagnostics
            .Select(d => d.IsError && RuleFileParser.CaseCodes.Contains(d.Code) ? d with { Severity = Diagnostics.DiagnosticSeverity.Warning } : d)
            .Concat(compiled.Diagnostics)
            .ToList();
        return new LoadedRules(new RuleSet(compiled.Rules), compiled.Rules, selected, diagnostics);
    }
}
