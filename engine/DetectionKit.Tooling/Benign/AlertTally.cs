using System.Text.Json.Nodes;
using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Correlation;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.State;
using DetectionKit.Scripting;

namespace DetectionKit.Tooling.Benign;

/// <summary>
/// Turns detections into the alerts <c>run</c> would deliver, through the engine's own alert state
/// (dedup windows, thresholds), and keeps counts per severity and a sample record per alert.
/// </summary>
internal sealed class AlertTally : IDisposable
{
    private readonly SqliteAlertStateStore state = SqliteAlertStateStore.InMemory();
    private readonly Dictionary<string, JsonObject> samples = [];
    private readonly Dictionary<string, SourceLocation> rules = new(StringComparer.Ordinal);
    // As text: a correlation alert's sample is looked up by its first event, among many step matches.
    private readonly Dictionary<string, string> stepRecords = new(StringComparer.Ordinal);

    // A correlation alert whose first event has no id takes the last record that matched one of its steps.
    private readonly Dictionary<string, string> lastStepRecord = new(StringComparer.Ordinal);

    public Dictionary<AlertSeverity, int> DetectionsBySeverity { get; } = [];

    public int Detections { get; private set; }

    /// <summary>The alerts that reached their threshold, with the record that opened each.</summary>
    public IReadOnlyList<BenignAlert> Alerts =>
        state.Undelivered("benign", "benign", rules.Keys.ToHashSet(StringComparer.Ordinal))
            .Select(a => new BenignAlert(a.RuleId, rules[a.RuleId], a.Severity, a.Title, samples.TryGetValue(a.AlertId, out var sample) ? sample : JsonNode.Parse(a.EventId is { } id && stepRecords.TryGetValue(id, out var text) ? text : lastStepRecord[a.RuleId])!.AsObject()))
            .ToList();

    public void Add(CompiledRule rule, Detection detection, CloudTrailEvent e, JsonObject record)
    {
        Detections++;
        DetectionsBySeverity[detection.Severity] = DetectionsBySeverity.GetValueOrDefault(detection.Severity) + 1;
        var match = AlertMatch.Create(detection, rule.Definition, e, "benign");
        samples.TryAdd(match.AlertId, record);
        rules.TryAdd(rule.Id, rule.Definition.Location);
        state.Commit("benign", [match], null);
    }

    /// <summary>Keeps the record of step matches: a correlation alert's sample is the record of its first event.</summary>
    public void KeepSample(IEnumerable<StepMatch> steps, JsonObject record)
    {
        string? text = null;
        foreach (var step in steps)
        {
            text ??= record.ToJsonString();
            lastStepRecord[step.RuleId] = text;
            if (step.Step.EventId is { } id)
            {
                stepRecords.TryAdd(id, text);
            }
        }
    }

    /// <summary>Commits correlation step matches (of any number of records) to their groups.</summary>
    public void AddSteps(IReadOnlyCollection<StepMatch> steps, IReadOnlyList<CompiledRule> correlations)
    {
        if (steps.Count == 0)
        {
            return;
        }

        foreach (var ruleId in steps.Select(s => s.RuleId).Distinct(StringComparer.Ordinal))
        {
            rules.TryAdd(ruleId, correlations.First(r => r.Id == ruleId).Definition.Location);
        }

        state.Commit("benign", [], null, steps);
    }

    public void Dispose() => state.Dispose();
}
