using System.Text.Json;
using System.Text.Json.Nodes;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;
using DetectionKit.Tooling.Testing;

namespace DetectionKit.Tooling.Coverage;

/// <summary>
/// Reads the severities a rule's verified snapshot records for its matching cases: <c>severity</c>
/// of a single-record case, and of each entry of <c>matches</c> for a file of several records.
/// </summary>
internal static class SnapshotSeverities
{
    public static RuleSeverity Of(RuleDefinition rule, ICollection<Diagnostic> diagnostics) =>
        new(rule.Id, rule.Pack, rule.Enabled, rule.Severity, Highest(rule, diagnostics));

    private static AlertSeverity? Highest(RuleDefinition rule, ICollection<Diagnostic> diagnostics)
    {
        JsonObject? snapshot;
        try
        {
            snapshot = SnapshotFile.Read(rule.VerifiedSnapshotPath);
        }
        catch (JsonException ex)
        {
            // validate reports this as an error; here it only means the snapshot tells us nothing.
            diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.SnapshotUnreadable, SnapshotFile.Where(rule.VerifiedSnapshotPath, ex), $"the verified snapshot is not valid JSON ({ex.Message}); its severities are left out", rule.Id));
            return null;
        }

        if (snapshot?["cases"] is not JsonObject cases)
        {
            return null;
        }

        AlertSeverity? highest = null;
        foreach (var (_, output) in cases)
        {
            if (output is not JsonObject outcome || outcome["match"] is not JsonValue match || !match.TryGetValue(out bool matched) || !matched)
            {
                continue;
            }

            var entries = outcome["matches"] is JsonArray several ? several.OfType<JsonObject>() : [outcome];
            foreach (var entry in entries)
            {
                if (entry["severity"] is JsonValue value && value.TryGetValue(out string? text) && SeverityNames.TryParse(text, out var severity)
                    && (highest is null || severity > highest))
                {
                    highest = severity;
                }
            }
        }

        return highest;
    }
}
