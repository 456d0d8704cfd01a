using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;

namespace DetectionKit.Engine.Running;

/// <summary>Counts and problems of one pass over a source.</summary>
public sealed record RunSummary(int Batches, long EventsRead, long Matches, IReadOnlyList<Diagnostic> InputProblems, IReadOnlyList<RuleError> RuleErrors, bool Stopped)
{
    public bool HasErrors => InputProblems.Any(p => p.IsError) || RuleErrors.Count > 0;
}
