using System.Text.Json;
using System.Text.Json.Nodes;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;
using DetectionKit.Tooling.Benign;
using DetectionKit.Tooling.Testing;

namespace DetectionKit.Cli.Reporting;

/// <summary>
/// The whole run as one JSON document, for tools: every rule with every case. A rule that did not
/// compile has no cases, <c>compiled: false</c>, the number of cases not run and its errors, and counts
/// once in <c>failed</c>, as in the text and JUnit reports.
/// </summary>
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
                ["compiled"] = rule.Compiled,
                ["casesNotRun"] = rule.Compiled ? 0 : rule.Rule.Tests.Count,
                ["snapshot"] = rule.Snapshot.ToString(),
                ["failures"] = DiagnosticJson.ToJson(rule.RuleFailures),
                ["cases"] = cases,
            });
        }

        var document = new JsonObject
        {
            ["passed"] = run.Passed,
            ["failed"] = run.Failed,
            ["seconds"] = Math.Round(run.Elapsed.TotalSeconds, 3),
            ["rules"] = rules,
            ["loadFailures"] = DiagnosticJson.ToJson(run.LoadFailures),
            ["danglingSnapshots"] = DiagnosticJson.ToJson(run.DanglingSnapshots),
            ["captures"] = run.Captures is { } captures ? Captures(captures) : null,
            ["settings"] = run.Settings is { } settings ? Settings(settings) : null,
            ["benign"] = run.Benign is { } benign ? Benign(benign) : null,
        };
        output.WriteLine(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonObject Benign(BenignTrafficResult benign) => new()
    {
        ["events"] = benign.Events,
        ["seed"] = benign.Seed,
        ["rules"] = benign.Rules,
        ["passed"] = benign.Succeeded,
        ["alerts"] = new JsonObject(Enum.GetValues<AlertSeverity>().Reverse().Select(s => KeyValuePair.Create(s.ToName(), (JsonNode?)benign.Alerts.Count(a => a.Severity == s)))),
        ["problems"] = DiagnosticJson.ToJson(benign.Problems),
    };

    private static JsonObject Settings(SettingsRun settings) => new()
    {
        ["file"] = DiagnosticFormatter.Relative(settings.Path),
        ["problems"] = DiagnosticJson.ToJson(settings.Problems),
        ["disabledRules"] = new JsonArray([.. settings.DisabledRules.Select(id => (JsonNode?)id)]),
        ["changedCases"] = new JsonArray([.. settings.Effects.Select(effect => (JsonNode?)new JsonObject
        {
            ["ruleId"] = effect.RuleId,
            ["case"] = effect.Case.Name,
            ["expect"] = effect.Case.Expect,
            ["shippedMatch"] = effect.ShippedMatch,
            ["settingsMatch"] = effect.SettingsMatch,
            ["suppressedBy"] = effect.SuppressedBy?.Reason,
        })]),
    };

    private static JsonObject Captures(CaptureRun captures) => new()
    {
        ["directory"] = DiagnosticFormatter.Relative(captures.Directory.Root),
        ["verified"] = DiagnosticFormatter.Relative(captures.Directory.VerifiedPath),
        ["snapshot"] = captures.Snapshot.ToString(),
        ["passed"] = captures.Passed,
        ["failed"] = captures.Failed,
        ["problems"] = DiagnosticJson.ToJson(captures.Problems),
        ["results"] = new JsonArray([.. captures.Results.Select(result => (JsonNode?)new JsonObject
        {
            ["name"] = result.Name,
            ["file"] = DiagnosticFormatter.Relative(result.Path),
            ["passed"] = result.Passed,
            ["failures"] = new JsonArray([.. result.Failures.Select(f => (JsonNode?)f)]),
            ["received"] = result.Received.DeepClone(),
        })]),
    };
}
