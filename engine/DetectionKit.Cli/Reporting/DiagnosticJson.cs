using System.Text.Json.Nodes;
using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Cli.Reporting;

/// <summary>The JSON form of diagnostics, shared by every JSON report.</summary>
internal static class DiagnosticJson
{
    public static JsonArray ToJson(IEnumerable<Diagnostic> diagnostics) =>
        new(diagnostics.Select(d => (JsonNode?)new JsonObject
        {
            ["code"] = d.Code,
            ["severity"] = d.IsError ? "error" : "warning",
            ["message"] = d.Message,
            ["file"] = DiagnosticFormatter.Relative(d.Location.Path),
            ["line"] = d.Location.Line,
            ["column"] = d.Location.Column,
            ["ruleId"] = d.RuleId,
        }).ToArray());
}
