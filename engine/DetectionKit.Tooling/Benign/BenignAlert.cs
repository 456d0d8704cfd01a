using System.Text.Json.Nodes;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Scripting;

namespace DetectionKit.Tooling.Benign;

/// <summary>An alert raised on benign traffic, after dedup and thresholds, with the record that opened it.</summary>
/// <param name="RuleId">The rule that raised it.</param>
/// <param name="RuleLocation">Where the rule is declared, for the diagnostic.</param>
/// <param name="Severity">The alert's severity.</param>
/// <param name="Title">The alert's title.</param>
/// <param name="Sample">The record that opened the alert.</param>
public sealed record BenignAlert(string RuleId, SourceLocation RuleLocation, AlertSeverity Severity, string Title, JsonObject Sample);
