using System.Text.Json.Nodes;
using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.State;
using DetectionKit.Scripting;

namespace DetectionKit.Rules.Tests.Support;

/// <summary>
/// Turns detections into the alerts <c>run</c> would deliver, through the engine's own alert state
/// (dedup windows, thresholds), and keeps counts per severity and a sample record per alert.
/// </summary>
internal sealed class AlertTally : IDisposable
{
    private readonly SqliteAlertStateStore state = SqliteAlertStateStore.InMemory();
    private readonly Dictionary<string, JsonObject> samples = [];
    private readonly HashSet<string> ruleIds = new(StringComparer.Ordinal);

    public Dictionary<AlertSeverity, int> DetectionsBySeverity { get; } = [];

    public int Detections { get; private set; }

    /// <summary>The alerts that reached their threshold, with the record that opened each.</summary>
    public IReadOnlyList<(string RuleId, AlertSeverity Severity, string Title, JsonObject Sample)> Alerts =>
        state.Undelivered("benign", "benign", ruleIds).Select(a => (a.RuleId, a.Severity, a.Title, samples[a.AlertId])).ToList();

    public void Add(CompiledRule rule, Detection detection, CloudTrailEvent e, JsonObject record)
    {
        Detections++;
        DetectionsBySeverity[detection.Severity] = DetectionsBySeverity.GetValueOrDefault(detection.Severity) + 1;
        var match = AlertMatch.Create(detection, rule.Definition, e, "benign");
        samples.TryAdd(match.AlertId, record);
        ruleIds.Add(rule.Id);
        state.Commit("benign", [match], null);
    }

    public void Dispose() => state.Dispose();
}
