using System.Text.Json;
using System.Text.Json.Nodes;
using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Rules;
using DetectionKit.Engine.Running;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.State;
using DetectionKit.Tooling.Captures;

namespace DetectionKit.Tooling.Testing;

/// <summary>
/// Runs a correlation rule's case, a sequence of events, through the pipeline <c>run</c> uses, with the
/// rules its steps name and a fresh in-memory state: the snapshot records the alerts the sequence raises.
/// The same events are also replayed split into two inputs, and with the later input first (a file
/// that arrived late), and must raise as many alerts: a sequence fires once however it arrives.
/// </summary>
public static class CorrelationCaseEvaluator
{
    private const string Scope = "case";

    /// <param name="rule">The correlation rule, with the case's parameters.</param>
    /// <param name="stepRules">The compiled rules its <c>rule:</c> steps name (as shipped); those missing are not run.</param>
    /// <param name="testCase">The case.</param>
    /// <param name="budget">What each rule call may spend.</param>
    /// <returns>Whether the sequence alerted, the snapshot's output, the rule errors, and what differed between the ways of arriving.</returns>
    public static (bool Matched, JsonObject Output, IReadOnlyList<RuleError> Errors, IReadOnlyList<string> OrderProblems) Evaluate(CompiledRule rule, IReadOnlyList<CompiledRule> stepRules, RuleTestCase testCase, EvaluationBudget? budget = null)
    {
        var rules = new RuleSet([rule with { Definition = rule.Definition with { Enabled = true } }, .. stepRules.Select(r => r with { Definition = r.Definition with { Enabled = false } })], budget);
        var events = testCase.Events;
        var (alerts, errors) = Replay(rules, rule.Id, [events]);
        var problems = new List<string>();
        if (events.Count > 1)
        {
            var half = events.Count / 2;
            List<IReadOnlyList<JsonElement>> split = [events.Take(half).ToList(), events.Skip(half).ToList()];
            foreach (var (name, inputs) in new[] { ("split in two inputs", split), ("split in two, the later input read first", [split[1], split[0]]) })
            {
                var (other, _) = Replay(rules, rule.Id, inputs);
                if (!Same(alerts, other))
                {
                    problems.Add($"{name}, the events raise {Describe(other)}; as one input, {Describe(alerts)}: a sequence must fire once however its events arrive");
                }
            }
        }

        var list = new JsonArray();
        foreach (var alert in alerts)
        {
            list.Add(new JsonObject
            {
                ["title"] = alert.Title,
                ["dedupKey"] = alert.DedupKey,
                ["severity"] = alert.Severity.ToName(),
                ["eventCount"] = alert.EventCount,
                ["firstEventTime"] = Stamp(alert.FirstEventTime),
                ["lastEventTime"] = Stamp(alert.LastEventTime),
                ["context"] = alert.Context?.DeepClone(),
            });
        }

        var output = new JsonObject { ["match"] = alerts.Count > 0, ["events"] = events.Count, ["alerts"] = list };
        return (alerts.Count > 0, output, errors, problems);
    }

    private static (IReadOnlyList<Alert> Alerts, IReadOnlyList<RuleError> Errors) Replay(RuleSet rules, string ruleId, IReadOnlyList<IReadOnlyList<JsonElement>> inputs)
    {
        using var state = SqliteAlertStateStore.InMemory();
        var batches = inputs.Select((events, i) => EventBatch.Open($"case input {i + 1}", () => new MemoryStream(Records(events)))).ToList();
        // The batches are in memory: the runner waits on nothing, so running it synchronously is safe.
        var summary = new DetectionRunner(rules, state, Scope) { Parallelism = 1 }.RunAsync(new BatchesSource(batches)).GetAwaiter().GetResult();
        var alerts = state.Undelivered(Scope, "case", new HashSet<string>(StringComparer.Ordinal) { ruleId });
        return (alerts, summary.RuleErrors);
    }

    private static byte[] Records(IReadOnlyList<JsonElement> events)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("Records");
            foreach (var e in events)
            {
                e.WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    // The count is the promise: once per sequence. Which events an alert names may differ when a later file
    // already completed a sequence on its own before the earlier one arrived.
    private static bool Same(IReadOnlyList<Alert> a, IReadOnlyList<Alert> b) => a.Count == b.Count;

    private static string Describe(IReadOnlyList<Alert> alerts) => alerts.Count switch
    {
        0 => "no alert",
        1 => $"1 alert ({Summary(alerts[0])})",
        _ => $"{alerts.Count} alerts ({string.Join("; ", alerts.Select(Summary))})",
    };

    private static string Summary(Alert alert) => $"{alert.EventCount} events from {Stamp(alert.FirstEventTime)}";

    private static string? Stamp(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
