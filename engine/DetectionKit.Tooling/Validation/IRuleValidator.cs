using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Tooling.Validation;

/// <summary>A check of one loaded rule beyond what the schema can say.</summary>
public interface IRuleValidator
{
    IEnumerable<Diagnostic> Validate(RuleDefinition rule);
}
