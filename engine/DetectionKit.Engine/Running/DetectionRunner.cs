using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.State;

namespace DetectionKit.Engine.Running;

/// <summary>
/// source → evaluate → alert state: offers every event of a batch to the rules the dispatch index
/// names, then commits the batch's matches (and its checkpoint, if any) to the state store in one
/// transaction. A stop request is honoured between batches, so the batch in hand always completes.
/// Bad input and rule exceptions are collected, not thrown.
/// </summary>
public sealed class DetectionRunner
{
    private readonly RuleSet rules;
    private readonly IAlertStateStore state;
    private readonly string scope;

    /// <param name="rules">The rules to run.</param>
    /// <param name="state">Where matches are grouped into alerts.</param>
    /// <param name="scope">The state scope: a scheduled job's name, or <c>run</c>.</param>
    public DetectionRunner(RuleSet rules, IAlertStateStore state, string scope = "run")
    {
        this.rules = rules;
        this.state = state;
        this.scope = scope;
    }

    /// <param name="source">Where the events come from.</param>
    /// <param name="checkpointOf">The checkpoint to record with a batch, or null for none.</param>
    /// <param name="progress">Called after each batch with the running totals.</param>
    /// <param name="stop">Stops reading between batches; the batch in hand is completed and committed.</param>
    public async Task<RunSummary> RunAsync(IEventSource source, Func<EventBatch, Checkpoint?>? checkpointOf = null, Action<RunSummary>? progress = null, CancellationToken stop = default)
    {
        var problems = new List<Diagnostic>();
        var errors = new List<RuleError>();
        var batches = 0;
        long events = 0;
        long matches = 0;
        var suppressed = new Dictionary<(string RuleId, string Reason), long>();
        var stopped = false;
        var ruleById = rules.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        await using var enumerator = source.ReadAsync(stop).GetAsyncEnumerator(stop);
        while (true)
        {
            try
            {
                if (stop.IsCancellationRequested || !await enumerator.MoveNextAsync())
                {
                    stopped = stop.IsCancellationRequested;
                    break;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                stopped = true;
                break;
            }

            using var batch = enumerator.Current;
            batches++;
            problems.AddRange(batch.Problems);
            var found = new List<AlertMatch>();
            foreach (var e in batch.Events)
            {
                events++;
                foreach (var rule in rules.CandidatesFor(e))
                {
                    var outcome = RuleEvaluator.Evaluate(rule, e, rules.Budget);
                    errors.AddRange(outcome.Errors);
                    if (outcome.Detection is { } detection)
                    {
                        found.Add(AlertMatch.Create(detection, ruleById[rule.Id].Definition, e));
                    }
                    else if (outcome.SuppressedBy is { } suppression)
                    {
                        suppressed[(rule.Id, suppression.Reason)] = suppressed.GetValueOrDefault((rule.Id, suppression.Reason)) + 1;
                    }
                }
            }

            // An unreadable object is not checkpointed: the next run tries it again.
            var checkpoint = batch.Problems.Any(p => p.IsError && batch.Events.Count == 0) ? null : checkpointOf?.Invoke(batch);
            state.Commit(scope, found, checkpoint);
            matches += found.Count;
            progress?.Invoke(new RunSummary(batches, events, matches, problems, errors, false));
        }

        return new RunSummary(batches, events, matches, problems, errors, stopped)
        {
            Suppressed = suppressed
                .OrderBy(s => s.Key.RuleId, StringComparer.Ordinal)
                .ThenBy(s => s.Key.Reason, StringComparer.Ordinal)
                .Select(s => new SuppressedMatches(s.Key.RuleId, s.Key.Reason, s.Value))
                .ToList(),
        };
    }
}
