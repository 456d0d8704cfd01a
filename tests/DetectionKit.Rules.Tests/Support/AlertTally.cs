using System.Text.Json.Nodes;
using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Rules.Tests.Support;

/// <summary>
/// Counts detections as the alerts they would become: a rule's detections group by dedup key in
/// windows of its dedup period, and a group raises one alert once it reaches the rule's threshold.
/// Keeps the first record of each rule's alerts as a sample.
/// </summary>
internal sealed class AlertTally
{
    private readonly Dictionary<(string Rule, string Key), (DateTimeOffset Start, int Count)> windows = [];

    public Dictionary<Severity, int> DetectionsBySeverity { get; } = [];

    public List<(string RuleId, Severity Severity, string Title, JsonObject Sample)> Alerts { get; } = [];

    public int Detections { get; private set; }

    public void Add(CompiledRule rule, Detection detection, JsonObject record)
    {
        Detections++;
        DetectionsBySeverity[detection.Severity] = DetectionsBySeverity.GetValueOrDefault(detection.Severity) + 1;
        var time = detection.EventTime ?? DateTimeOffset.MinValue;
        var period = TimeSpan.FromMinutes(rule.Definition.DedupPeriodMinutes);
        var key = (rule.Id, detection.DedupKey);
        var window = windows.TryGetValue(key, out var open) && time - open.Start < period ? open : (Start: time, Count: 0);
        window.Count++;
        windows[key] = window;
        if (window.Count == rule.Definition.Threshold)
        {
            Alerts.Add((rule.Id, detection.Severity, detection.Title, record));
        }
    }
}
