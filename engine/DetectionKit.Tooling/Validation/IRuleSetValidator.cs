using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Loading;

namespace DetectionKit.Tooling.Validation;

/// <summary>A check of the rules as a whole and of what lies beside them, such as snapshot files and the captures' verified alerts.</summary>
public interface IRuleSetValidator
{
    IEnumerable<Diagnostic> Validate(RuleLoadResult loaded);
}
