using DetectionKit.Scripting;

namespace DetectionKit.Tooling.Coverage;

/// <summary>What one rule raised on a capture after dedup and thresholds: how many alerts, over how many events, at what highest severity.</summary>
public sealed record CaptureRuleAlerts(string RuleId, AlertSeverity Severity, int Alerts, int Events);
