using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Compilation;

/// <summary>The compiled query, or null when an expression did not compile or was refused; the problems either way (warnings too).</summary>
public sealed record QueryCompilationResult(CompiledQuery? Query, IReadOnlyList<Diagnostic> Diagnostics);
