using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;

namespace DetectionKit.Engine.Running;

/// <summary>Counts and problems of one pass over a source. <c>Matches</c> are those that reached the alert state; suppressed ones are counted apart, in <see cref="Suppressed"/>.</summary>
public sealed record RunSummary(int Batches, long EventsRead, long Matches, IReadOnlyList<Diagnostic> InputProblems, IReadOnlyList<RuleError> RuleErrors, bool Stopped)
{
    /// <summary>Matches an organisation's settings suppressed, by rule and reason, in rule id order.</summary>
    public IReadOnlyList<SuppressedMatches> Suppressed { get; init; } = [];

    /// <summary>
    /// Objects (inputs with an object key: S3 objects) read to their end and committed with their
    /// records; one that failed, was cut short, was interrupted or skipped is not among them.
    /// </summary>
    public int ObjectsRead { get; init; }

    public long SuppressedTotal => Suppressed.Sum(s => s.Count);

    /// <summary>Records not evaluated and inputs empty or unreadable, by kind.</summary>
    public InputCounts Inputs { get; init; } = InputCounts.None;

    public bool HasErrors => InputProblems.Any(p => p.IsError) || RuleErrors.Count > 0;
}
