using System.Text.Json.Nodes;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Evaluation;

/// <summary>One rule matching one event, with the outputs its script computed.</summary>
public sealed record Detection(
    string RuleId,
    string Title,
    string DedupKey,
    AlertSeverity Severity,
    JsonNode? Context,
    string? EventId,
    DateTimeOffset? EventTime);
