using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Compilation;

/// <summary>The rules that compiled, and the diagnostics of those that did not (each at its script's line).</summary>
public sealed record RuleCompilationResult(IReadOnlyList<CompiledRule> Rules, IReadOnlyList<Diagnostic> Diagnostics);
