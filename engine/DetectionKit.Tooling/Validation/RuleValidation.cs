using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Loading;
using DetectionKit.Engine.Packs;

namespace DetectionKit.Tooling.Validation;

/// <summary>
/// Validates a rules directory: schema, unique ids, case files, compilation, then the per-rule
/// validators (the case gate, snapshot presence, API names in <c>match</c>), and the pack files. All problems are collected in one pass.
/// </summary>
public static class RuleValidation
{
    public static IReadOnlyList<IRuleValidator> DefaultValidators { get; } = [new CaseGateValidator(), new SnapshotPresenceValidator(), new ApiOperationValidator()];

    public static ValidationReport Validate(string rulesRoot, IReadOnlyList<IRuleValidator>? validators = null)
    {
        var loaded = RuleLoader.Load(rulesRoot);
        var diagnostics = new List<Diagnostic>(loaded.Diagnostics);
        var compiled = RuleCompiler.Compile(loaded.Rules);
        diagnostics.AddRange(compiled.Diagnostics);
        foreach (var rule in loaded.Rules)
        {
            foreach (var validator in validators ?? DefaultValidators)
            {
                diagnostics.AddRange(validator.Validate(rule));
            }
        }

        foreach (var pack in PackFileParser.LoadAll(rulesRoot, diagnostics))
        {
            diagnostics.AddRange(PackValidator.Validate(pack, loaded.Rules));
        }

        var ordered = diagnostics
            .OrderBy(d => d.Location.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)
            .ToList();
        var broken = ordered.Where(d => d.IsError).Select(d => d.RuleId ?? d.Location.Path).ToHashSet(StringComparer.Ordinal);
        var valid = loaded.Rules.Count(r => !broken.Contains(r.Id));
        return new ValidationReport(loaded.RuleFiles.Count, valid, ordered);
    }
}
