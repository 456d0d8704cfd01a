using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Tooling.Validation;

/// <summary>
/// The case gate: every rule records at least one event it matches and one it does not. A disabled
/// rule with no case at all (an imported rule waiting for real records) is a warning instead: it
/// does not run, and it cannot be enabled without passing the gate.
/// </summary>
public sealed class CaseGateValidator : IRuleValidator
{
    public IEnumerable<Diagnostic> Validate(RuleDefinition rule)
    {
        var at = rule.TestsLocation ?? rule.Location;
        if (!rule.Enabled && rule.Tests.Count == 0)
        {
            yield return Diagnostic.Warning(DiagnosticCodes.NoPositiveCase, at, $"rule '{rule.Id}' is disabled and has no cases yet; record a positive and a negative case from real records (as file: cases), run 'detectionkit test --filter {rule.Id} --accept', then set 'enabled: true'", rule.Id);
            yield break;
        }

        if (!rule.Tests.Any(t => t.Expect))
        {
            yield return Diagnostic.Error(DiagnosticCodes.NoPositiveCase, at, $"rule '{rule.Id}' has no positive case; add a case with 'expect: true' and an event the rule must match", rule.Id);
        }

        if (!rule.Tests.Any(t => !t.Expect))
        {
            yield return Diagnostic.Error(DiagnosticCodes.NoNegativeCase, at, $"rule '{rule.Id}' has no negative case; add a case with 'expect: false' and a similar event the rule must not match", rule.Id);
        }
    }
}
