using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Engine.Loading;

/// <summary>
/// Checks the <c>rule:</c> steps of correlation rules against the rules loaded with them: each must name
/// a loaded rule of single events. A correlation rule that names one that is not is left out (it cannot
/// run as written), with an error at the step naming the closest id.
/// </summary>
internal static class CorrelationReferences
{
    public static List<RuleDefinition> Check(IReadOnlyList<RuleDefinition> rules, IReadOnlyCollection<string> failedFiles, ICollection<Diagnostic> diagnostics)
    {
        var byId = rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var kept = new List<RuleDefinition>();
        foreach (var rule in rules)
        {
            var ok = true;
            foreach (var (step, index) in (rule.Correlation?.Steps ?? []).Select((s, i) => (s, i)).Where(p => p.s.RuleId is not null))
            {
                var at = rule.LocationOf($"/correlation/steps/{index}/rule");
                if (!byId.TryGetValue(step.RuleId!, out var target))
                {
                    var closest = ClosestName.Find(step.RuleId!, byId.Keys.Where(id => !byId[id].IsCorrelation));
                    var hint = closest is null ? string.Empty : $"; did you mean '{closest}'?";
                    var broken = failedFiles.Count > 0 ? " (or a rule file that failed to load, reported above)" : string.Empty;
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.CorrelationUnknownRule, at, $"step '{step.Name}' names rule '{step.RuleId}', which no loaded rule has{broken}{hint}", rule.Id));
                    ok = false;
                }
                else if (target.IsCorrelation)
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.CorrelationUnknownRule, at, $"step '{step.Name}' names '{step.RuleId}', a correlation rule; a step is a rule of single events or a function of this rule's script", rule.Id));
                    ok = false;
                }
            }

            if (ok)
            {
                kept.Add(rule);
            }
        }

        return kept;
    }
}
