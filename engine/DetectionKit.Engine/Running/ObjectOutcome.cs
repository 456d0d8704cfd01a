using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Correlation;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Sources;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Running;

/// <summary>What evaluating one object found, waiting to be committed in source order.</summary>
internal sealed class ObjectOutcome(EventBatch batch) : IOpenWindows
{
    // Keyed by what the alert id is made of, so a repeat is found without hashing an id per match.
    private readonly Dictionary<(string RuleId, string DedupKey, DateTimeOffset WindowStart), AlertMatch> opened = [];
    private readonly List<Diagnostic> rejections = [];
    private AlertMatch? lastOpen;

    public EventBatch Batch { get; } = batch;

    public long Events { get; set; }

    public List<AlertMatch> Matches { get; } = [];

    /// <summary>The object's correlation step matches, committed with its matches.</summary>
    public List<StepMatch> Steps { get; } = [];

    public void Add(AlertMatch match)
    {
        Matches.Add(match);
        opened.TryAdd((match.RuleId, match.DedupKey, match.WindowStart), match);
    }

    public bool IsOpen(CompiledRule rule, string dedupKey, CloudTrailEvent e) =>
        opened.TryGetValue((rule.Id, dedupKey, AlertMatch.WindowOf(rule.Definition, e.EventTime).Start), out lastOpen);

    /// <summary>The match that opened the window of the repeat <see cref="IsOpen"/> last found.</summary>
    public AlertMatch FirstOfLastRepeat() => lastOpen ?? throw new InvalidOperationException("no repeat was found");

    public List<RuleError> Errors { get; } = [];

    public Dictionary<(string RuleId, string Reason), long> Suppressed { get; } = [];

    /// <summary>A stop request arrived before the object was read to its end: nothing of it is committed.</summary>
    public bool Interrupted { get; set; }

    /// <summary>Records read but not evaluated, by kind.</summary>
    public InputCounts Rejected { get; private set; } = InputCounts.None;

    /// <summary>The rejected records, each reported, up to <see cref="CloudTrailRecordReader.MaxProblemsKept"/>; then how many more there were.</summary>
    public IReadOnlyList<Diagnostic> RejectionProblems =>
        Rejected.NotEvaluated <= rejections.Count ? rejections : [.. rejections, Diagnostic.Warning(DiagnosticCodes.InvalidRecord, new SourceLocation(Batch.Origin), $"{Rejected.NotEvaluated - rejections.Count:N0} more records of this input were not evaluated (not CloudTrail, undated or with a bad eventTime) and were not listed")];

    public void Reject(RecordRejection rejection, long recordIndex, SourceLocation at)
    {
        Rejected = rejection.Reason switch
        {
            RecordRejection.Kind.NotCloudTrail => Rejected with { NotCloudTrail = Rejected.NotCloudTrail + 1 },
            RecordRejection.Kind.Undated => Rejected with { Undated = Rejected.Undated + 1 },
            _ => Rejected with { BadEventTime = Rejected.BadEventTime + 1 },
        };
        if (rejections.Count < CloudTrailRecordReader.MaxProblemsKept)
        {
            rejections.Add(Diagnostic.Warning(rejection.Code, at, $"record index {recordIndex}: {rejection.Message}; not evaluated"));
        }
    }

    public void Suppress(string ruleId, string reason) =>
        Suppressed[(ruleId, reason)] = Suppressed.GetValueOrDefault((ruleId, reason)) + 1;
}
