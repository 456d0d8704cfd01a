using System.Text.Json.Nodes;
using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Correlation;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;

namespace DetectionKit.Tooling.Testing;

/// <summary>
/// Evaluates one case and renders its outputs as the snapshot records them: for a single event
/// <c>match</c> and, on a match, <c>title</c>, <c>dedupKey</c>, <c>severity</c>, <c>context</c>;
/// for a file of several events <c>match</c> (any), <c>events</c> and one entry per matching event.
/// A rule with <c>first_seen:</c> has its matches raised as a fresh state would raise them, in the case's event times.
/// </summary>
public static class CaseEvaluator
{
    public static (bool Matched, JsonObject Output, IReadOnlyList<RuleError> Errors) Evaluate(CompiledRule rule, RuleTestCase testCase)
    {
        var errors = new List<RuleError>();
        var matches = new List<Detection>();
        foreach (var json in testCase.Events)
        {
            var outcome = RuleEvaluator.Evaluate(rule, new CloudTrailEvent(json));
            errors.AddRange(outcome.Errors);
            if (outcome.Detection is { } detection)
            {
                matches.Add(detection);
            }
        }

        if (rule.Definition.FirstSeen is { } firstSeen)
        {
            // As the state would raise them, starting empty: the first match of each key in its period.
            var severities = FirstSeenGrouping.Severities(firstSeen, [.. matches.Select(d => (d.DedupKey, d.EventTime, d.Severity))]);
            matches = [.. matches.Select((d, i) => d with { Severity = severities[i] })];
        }

        var output = new JsonObject { ["match"] = matches.Count > 0 };
        if (testCase.Events.Count == 1)
        {
            if (matches.Count == 1)
            {
                AddOutputs(output, matches[0]);
            }
        }
        else
        {
            output["events"] = testCase.Events.Count;
            var list = new JsonArray();
            foreach (var detection in matches)
            {
                var entry = new JsonObject { ["eventId"] = detection.EventId };
                AddOutputs(entry, detection);
                list.Add(entry);
            }

            output["matches"] = list;
        }

        return (matches.Count > 0, output, errors);
    }

    /// <summary>
    /// Whether the case raises a detection under the rule as given (an organisation's settings applied):
    /// any of its events matches and no suppression holds; when none does, the suppression that hid a match.
    /// </summary>
    public static (bool Alerts, RuleSuppression? SuppressedBy, IReadOnlyList<RuleError> Errors) Verdict(CompiledRule rule, RuleTestCase testCase, EvaluationBudget budget)
    {
        var errors = new List<RuleError>();
        RuleSuppression? suppressedBy = null;
        foreach (var json in testCase.Events)
        {
            var outcome = RuleEvaluator.Evaluate(rule, new CloudTrailEvent(json), budget);
            errors.AddRange(outcome.Errors);
            if (outcome.Detection is not null)
            {
                return (true, null, errors);
            }

            suppressedBy ??= outcome.SuppressedBy;
        }

        return (false, suppressedBy, errors);
    }

    private static void AddOutputs(JsonObject target, Detection detection)
    {
        target["title"] = detection.Title;
        target["dedupKey"] = detection.DedupKey;
        target["severity"] = detection.Severity.ToName();
        target["context"] = detection.Context?.DeepClone();
    }
}
