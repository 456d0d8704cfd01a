using System.Text.Json.Nodes;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Tooling.Testing;

/// <summary>One recorded case of one rule, evaluated and compared with its snapshot.</summary>
public sealed record CaseResult(
    RuleTestCase Case,
    bool Matched,
    JsonNode Received,
    JsonNode? Verified,
    IReadOnlyList<RuleError> Errors,
    IReadOnlyList<string> Failures)
{
    public string Name => Case.Name;

    public bool Passed => Failures.Count == 0;
}
