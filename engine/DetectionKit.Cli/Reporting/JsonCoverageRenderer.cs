using System.Text.Json;
using System.Text.Json.Nodes;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;
using DetectionKit.Tooling.Coverage;

namespace DetectionKit.Cli.Reporting;

/// <summary>The whole coverage report as one JSON document, for dashboards and CI checks.</summary>
internal sealed class JsonCoverageRenderer : ICoverageRenderer
{
    public void Render(CoverageReport report, TextWriter output)
    {
        var document = new JsonObject
        {
            ["rulesDirectory"] = DiagnosticFormatter.Relative(report.RulesDirectory),
            ["attackVersion"] = report.AttackVersion,
            ["summary"] = new JsonObject
            {
                ["rules"] = report.Rules,
                ["enabledRules"] = report.EnabledRules,
                ["techniquesCovered"] = report.CoveredTechniques,
                ["techniquesInMatrix"] = report.MatrixTechniques,
                ["tacticsCovered"] = report.CoveredTactics,
                ["tactics"] = report.Tactics.Count,
                ["highOrAboveRules"] = report.HighOrAboveRules,
                ["capturesCaught"] = report.Captures?.Caught,
                ["captures"] = report.Captures?.Captures.Count,
                ["captureRuleCases"] = report.Captures?.RuleCases,
            },
            ["bySeverity"] = Severities(report.BySeverity),
            ["byHighestSeverity"] = Severities(report.ByHighestSeverity),
            ["ruleSeverities"] = Array(report.Severities.Select(s => new JsonObject
            {
                ["rule"] = s.RuleId,
                ["pack"] = s.Pack,
                ["enabled"] = s.Enabled,
                ["declared"] = s.Declared.ToName(),
                ["inSnapshot"] = s.InSnapshot?.ToName(),
                ["highest"] = s.Highest.ToName(),
            })),
            ["packs"] = Array(report.Packs.Select(p => new JsonObject
            {
                ["pack"] = p.Pack,
                ["rules"] = Strings(p.RuleIds),
                ["bySeverity"] = Severities(p.BySeverity),
                ["byHighestSeverity"] = Severities(p.ByHighestSeverity),
                ["disabled"] = p.Disabled,
            })),
            ["tactics"] = Array(report.Tactics.Select(t => new JsonObject
            {
                ["id"] = t.Tactic.Id,
                ["name"] = t.Tactic.Name,
                ["shortName"] = t.Tactic.ShortName,
                ["covered"] = t.CoveredTechniques,
                ["techniques"] = Array(t.Techniques.Select(Technique)),
            })),
            ["unknownTechniques"] = Array(report.UnknownTechniques.Select(u => new JsonObject { ["id"] = u.Id, ["rules"] = Strings(u.RuleIds) })),
            ["rulesWithoutMitre"] = Strings(report.RulesWithoutMitre),
            ["captures"] = report.Captures is { } captures
                ? new JsonObject
                {
                    ["directory"] = DiagnosticFormatter.Relative(captures.Directory),
                    ["label"] = CaptureLabel.Of(captures),
                    ["caught"] = captures.Caught,
                    ["ruleCases"] = captures.RuleCases,
                    ["captures"] = Array(captures.Captures.Select(s => new JsonObject
                    {
                        ["name"] = s.Name,
                        ["tactic"] = s.Tactic,
                        ["isRuleCase"] = s.IsRuleCase,
                        ["events"] = s.Events,
                        ["matches"] = s.Matches,
                        ["caught"] = s.Caught,
                        ["belowThreshold"] = s.BelowThreshold,
                        ["rules"] = Strings(s.RuleIds),
                        ["alerts"] = Array(s.Alerts.Select(a => new JsonObject
                        {
                            ["rule"] = a.RuleId,
                            ["severity"] = a.Severity.ToName(),
                            ["alerts"] = a.Alerts,
                            ["events"] = a.Events,
                        })),
                    })),
                }
                : null,
            ["fewestCases"] = Array(report.FewestCases.Select(c => new JsonObject
            {
                ["rule"] = c.RuleId,
                ["pack"] = c.Pack,
                ["positive"] = c.Positive,
                ["negative"] = c.Negative,
                ["total"] = c.Total,
            })),
            ["diagnostics"] = DiagnosticJson.ToJson(report.Diagnostics),
        };
        output.WriteLine(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonObject Technique(TechniqueCoverage t) => new()
    {
        ["id"] = t.Technique.Id,
        ["name"] = t.Technique.Name,
        ["covered"] = t.Covered,
        ["rules"] = Strings(t.RuleIds),
        ["highOrAbove"] = t.HighOrAbove,
        ["belowHigh"] = t.BelowHigh,
        ["highOrAboveRules"] = Strings(t.HighOrAboveRuleIds),
        ["subTechniques"] = Array(t.SubTechniques.Select(s => new JsonObject { ["id"] = s.Technique.Id, ["name"] = s.Technique.Name, ["rules"] = Strings(s.RuleIds) })),
    };

    private static JsonObject Severities(IReadOnlyDictionary<AlertSeverity, int> counts) =>
        new(Enum.GetValues<AlertSeverity>().Reverse().Select(s => KeyValuePair.Create(s.ToName(), (JsonNode?)counts.GetValueOrDefault(s))));

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)v)]);

    private static JsonArray Array(IEnumerable<JsonNode> nodes) => new([.. nodes.Select(n => (JsonNode?)n)]);
}
