using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Loading;

namespace DetectionKit.Tooling.Validation;

/// <summary>
/// Says which enabled rules a correlation keeps from alerting on their own: a rule named in a
/// <c>rule:</c> step is quiet unless some correlation using it says <c>generate: true</c>. A pull request
/// that only adds a correlation can so turn a detection off; this makes it show in the gate's output,
/// at the step that does it.
/// </summary>
public sealed class SilencedRulesValidator : IRuleSetValidator
{
    public IEnumerable<Diagnostic> Validate(RuleLoadResult loaded)
    {
        var enabled = loaded.Rules.Where(r => r.Enabled && !r.IsCorrelation).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var correlations = loaded.Rules.Where(r => r.Enabled && r.IsCorrelation).ToList();
        var kept = correlations.Where(c => c.Correlation!.Generate).SelectMany(c => c.Correlation!.ReferencedRules).ToHashSet(StringComparer.Ordinal);
        foreach (var correlation in correlations.Where(c => !c.Correlation!.Generate))
        {
            var steps = correlation.Correlation!.Steps;
            for (var index = 0; index < steps.Count; index++)
            {
                if (steps[index].RuleId is { } id && enabled.Contains(id) && !kept.Contains(id))
                {
                    yield return Diagnostic.Warning(
                        DiagnosticCodes.StepRuleSilenced,
                        correlation.LocationOf($"/correlation/steps/{index}/rule"),
                        $"rule {id} is enabled but raises no alert of its own while this correlation uses it as a step with generate: false (the default); set 'generate: true' to keep its alerts, or disable it to say it is only a step",
                        correlation.Id);
                }
            }
        }
    }
}
