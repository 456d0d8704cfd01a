using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Tooling.Validation;

/// <summary>The case gate: every rule records at least one event it matches and one it does not.</summary>
public sealed class CaseGateValidator : IRuleValidator
{
    public IEnumerable<Diagnostic> Validate(RuleDefinition rule)
    {
        var at = rule.TestsLocation ?? rule.Location;
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
