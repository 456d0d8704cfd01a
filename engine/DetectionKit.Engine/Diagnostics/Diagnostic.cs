namespace DetectionKit.Engine.Diagnostics;

/// <summary>
/// One problem found while loading, compiling, testing or running rules. Diagnostics are collected
/// and returned as values; nothing is thrown for a problem a user can fix.
/// </summary>
public sealed record Diagnostic(
    string Code,
    DiagnosticSeverity Severity,
    string Message,
    SourceLocation Location,
    string? RuleId = null)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    public static Diagnostic Error(string code, SourceLocation location, string message, string? ruleId = null) =>
        new(code, DiagnosticSeverity.Error, message, location, ruleId);

    public static Diagnostic Warning(string code, SourceLocation location, string message, string? ruleId = null) =>
        new(code, DiagnosticSeverity.Warning, message, location, ruleId);

    /// <summary>The compiler-style form <c>path:line:col: error DK1001: message</c>.</summary>
    public override string ToString() =>
        $"{Location}: {(IsError ? "error" : "warning")} {Code}: {Message}";
}
