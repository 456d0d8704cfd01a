using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Sources;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Running;

/// <summary>What evaluating one object found, waiting to be committed in source order.</summary>
internal sealed class ObjectOutcome(EventBatch batch, string scope) : IOpenWindows
{
    private readonly Dictionary<string, AlertMatch> opened = new(StringComparer.Ordinal);
    private AlertMatch? lastOpen;

    public EventBatch Batch { get; } = batch;

    public long Events { get; set; }

    public List<AlertMatch> Matches { get; } = [];

    public void Add(AlertMatch match)
    {
        Matches.Add(match);
        opened.TryAdd(match.AlertId, match);
    }

    public bool IsOpen(CompiledRule rule, string dedupKey, CloudTrailEvent e) =>
        opened.TryGetValue(AlertMatch.IdFor(scope, rule.Definition, dedupKey, e.EventTime), out lastOpen);

    /// <summary>The match that opened the window of the repeat <see cref="IsOpen"/> last found.</summary>
    public AlertMatch FirstOfLastRepeat() => lastOpen ?? throw new InvalidOperationException("no repeat was found");

    public List<RuleError> Errors { get; } = [];

    public Dictionary<(string RuleId, string Reason), long> Suppressed { get; } = [];

    /// <summary>A stop request arrived before the object was read to its end: nothing of it is committed.</summary>
    public bool Interrupted { get; set; }

    public void Suppress(string ruleId, string reason) =>
        Suppressed[(ruleId, reason)] = Suppressed.GetValueOrDefault((ruleId, reason)) + 1;
}
