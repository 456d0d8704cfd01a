using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Running;

/// <summary>What one pass read, matched and delivered, and what went wrong on the way.</summary>
public sealed record PassResult(RunSummary Run, DeliveryReport Delivery)
{
    public bool Stopped => Run.Stopped;

    /// <summary>Input problems (warnings among them), rule errors, then outputs that refused alerts.</summary>
    public IEnumerable<Diagnostic> Problems =>
        Run.InputProblems.Concat(Run.RuleErrors.Select(e => e.ToDiagnostic())).Concat(Delivery.Failures);

    public int ErrorCount => Problems.Count(p => p.IsError);
}
