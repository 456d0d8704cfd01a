using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Sinks;
using DetectionKit.Engine.Sources;

namespace DetectionKit.Engine.Evaluation;

/// <summary>
/// source → evaluate → sink: offers every event of every batch to the rules the dispatch index
/// names, and writes one alert per match. Bad input and rule exceptions are collected, not thrown.
/// </summary>
public sealed class DetectionRunner
{
    private readonly RuleSet rules;
    private readonly IAlertSink sink;

    public DetectionRunner(RuleSet rules, IAlertSink sink)
    {
        this.rules = rules;
        this.sink = sink;
    }

    public async Task<RunSummary> RunAsync(IEventSource source, CancellationToken cancellationToken = default)
    {
        var problems = new List<Diagnostic>();
        var errors = new List<RuleError>();
        var batches = 0;
        long events = 0;
        long alerts = 0;
        await foreach (var batch in source.ReadAsync(cancellationToken))
        {
            using (batch)
            {
                batches++;
                problems.AddRange(batch.Problems);
                foreach (var e in batch.Events)
                {
                    events++;
                    foreach (var rule in rules.CandidatesFor(e))
                    {
                        var outcome = RuleEvaluator.Evaluate(rule, e);
                        errors.AddRange(outcome.Errors);
                        if (outcome.Detection is { } detection)
                        {
                            await sink.WriteAsync(Alert.From(detection, e), cancellationToken);
                            alerts++;
                        }
                    }
                }
            }
        }

        return new RunSummary(batches, events, alerts, problems, errors);
    }
}
