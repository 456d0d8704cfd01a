using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Engine.Loading;

/// <summary>The rules that loaded and every problem found on the way; a broken file never hides the others.</summary>
public sealed record RuleLoadResult(IReadOnlyList<RuleDefinition> Rules, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<string> RuleFiles);
