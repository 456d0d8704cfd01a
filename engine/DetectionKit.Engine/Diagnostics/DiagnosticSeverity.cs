namespace DetectionKit.Engine.Diagnostics;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}
