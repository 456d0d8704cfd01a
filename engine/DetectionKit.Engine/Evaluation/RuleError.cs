using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Evaluation;

/// <summary>A rule function that threw (or returned something unusable) on one event.</summary>
public sealed record RuleError(string RuleId, string Function, string Message, SourceLocation ScriptLocation, string? EventId)
{
    public Diagnostic ToDiagnostic() =>
        Diagnostic.Error(DiagnosticCodes.RuleException, ScriptLocation, $"{Function} threw on event {EventId ?? "(no eventID)"}: {Message}", RuleId);
}
