using System.Text.Json;
using System.Text.Json.Nodes;
using DetectionKit.Tooling.Testing;

namespace DetectionKit.Cli.Reporting;

/// <summary>The whole run as one JSON document, for tools.</summary>
internal sealed class JsonTestReporter : ITestReporter
{
    public void Report(TestRun run, TextWriter output)
    {
        var rules = new JsonArray();
        foreach (var rule in run.Rules)
        {
            var cases = new JsonArray();
            foreach (var result in rule.Cases)
            {
                cases.Add(new JsonObject
                {
                    ["name"] = result.Name,
                    ["expect"] = result.Case.Expect,
                    ["matched"] = result.Matched,
                    ["passed"] = result.Passed,
                    ["failures"] = new JsonArray(result.Failures.Select(f => (JsonNode?)f).ToArray()),
                    ["received"] = result.Received.DeepClone(),
                });
            }

            rules.Add(new JsonObject
            {
                ["id"] = rule.Rule.Id,
                ["file"] = DiagnosticFormatter.Relative(rule.Rule.YamlPath),
                ["passed"] = rule.Passed,
                ["snapshot"] = rule.Snapshot.ToString(),
                ["failures"] = DiagnosticJson.ToJson(rule.RuleFailures),
                ["cases"] = cases,
            });
        }

        var document = new JsonObject
        {
            ["passed"] = run.Passed,
            ["failed"] = run.Failed,
            ["rules"] = rules,
            ["loadFailures"] = DiagnosticJson.ToJson(run.LoadFailures),
            ["danglingSnapshots"] = DiagnosticJson.ToJson(run.DanglingSnapshots),
        };
        output.WriteLine(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
