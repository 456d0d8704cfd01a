using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Tooling.Testing;

/// <summary>
/// <c>test --minimum-tests N</c>, as panther_analysis_tool has it: a rule records at least N cases, and
/// for N above 1 at least one it matches and one it does not. It asks more than the case gate
/// <c>validate</c> always applies (one positive, one negative), never less: a team raises the bar with it.
/// </summary>
public static class MinimumCases
{
    /// <returns>One DK3008 naming what the rule has and what is missing, or nothing when it has enough.</returns>
    public static IEnumerable<Diagnostic> Check(RuleDefinition rule, int minimum)
    {
        var positive = rule.Tests.Count(t => t.Expect);
        var negative = rule.Tests.Count - positive;
        var missing = new List<string>();
        if (rule.Tests.Count < minimum)
        {
            missing.Add(minimum - rule.Tests.Count == 1 ? "1 more case" : $"{minimum - rule.Tests.Count} more cases");
        }

        if (minimum > 1 && positive == 0)
        {
            missing.Add("a positive case (expect: true, an event the rule must match)");
        }

        if (minimum > 1 && negative == 0)
        {
            missing.Add("a negative case (expect: false, a similar event it must not match)");
        }

        if (missing.Count == 0)
        {
            yield break;
        }

        var asked = minimum > 1 ? $"at least {minimum} cases, one positive and one negative among them" : $"at least {minimum} case";
        var has = rule.Tests.Count == 1 ? "1 case" : $"{rule.Tests.Count} cases";
        yield return Diagnostic.Error(
            DiagnosticCodes.TooFewCases,
            rule.TestsLocation ?? rule.Location,
            $"rule '{rule.Id}' has {has} ({positive} positive, {negative} negative); --minimum-tests {minimum} asks for {asked}: add {string.Join(" and ", missing)}",
            rule.Id);
    }
}
