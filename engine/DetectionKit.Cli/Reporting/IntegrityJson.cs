using System.Text.Json;
using System.Text.Json.Nodes;
using DetectionKit.Engine.Integrity;

namespace DetectionKit.Cli.Reporting;

/// <summary><c>verify --format json</c>: the location and range, whether it passed, every finding with its code, and the counts.</summary>
internal static class IntegrityJson
{
    public static string Render(IReadOnlyList<IntegrityReport> reports)
    {
        var locations = new JsonArray();
        foreach (var report in reports)
        {
            var findings = new JsonArray();
            foreach (var finding in report.Findings)
            {
                findings.Add(new JsonObject
                {
                    ["code"] = finding.Code,
                    ["kind"] = JsonNamingPolicy.CamelCase.ConvertName(finding.Kind.ToString()),
                    ["object"] = finding.Object,
                    ["message"] = finding.Message,
                });
            }

            locations.Add(new JsonObject
            {
                ["location"] = report.Location,
                ["since"] = report.Since.UtcDateTime.ToString("O"),
                ["until"] = report.Until.UtcDateTime.ToString("O"),
                ["passed"] = report.Passed,
                ["findings"] = findings,
                ["counts"] = JsonSerializer.SerializeToNode(report.Counts, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }),
            });
        }

        var passed = reports.All(r => r.Passed);
        return new JsonObject { ["passed"] = passed, ["locations"] = locations }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
