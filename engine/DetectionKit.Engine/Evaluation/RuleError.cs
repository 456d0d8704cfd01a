using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Evaluation;

/// <summary>
/// A rule function that threw, returned something unusable, or was stopped for running past its
/// budget (<paramref name="Stopped"/>) on one event.
/// </summary>
public sealed record RuleError(string RuleId, string Function, string Message, SourceLocation ScriptLocation, string? EventId, bool Stopped = false)
{
    public Diagnostic ToDiagnostic() => Stopped
        ? Diagnostic.Error(DiagnosticCodes.BudgetExceeded, ScriptLocation, $"{RuleId}: {Function} was stopped on event {EventId ?? "(no eventID)"}: it {Message}; the event went on to the other rules", RuleId)
        : Diagnostic.Error(DiagnosticCodes.RuleException, ScriptLocation, $"{RuleId}: {Function} threw on event {EventId ?? "(no eventID)"}: {Message}", RuleId);
}
