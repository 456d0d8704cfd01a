using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Compilation;

/// <summary>A suppression with its <c>when</c> expression compiled into the rule's class (null when it has none).</summary>
public sealed record CompiledSuppression(RuleSuppression Suppression, Func<CloudTrailEvent, bool>? When);
