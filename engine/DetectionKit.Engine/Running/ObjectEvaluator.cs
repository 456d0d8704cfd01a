using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Correlation;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Sources;

namespace DetectionKit.Engine.Running;

/// <summary>
/// Reads one input object record by record and offers each record to the rules the dispatch index
/// names. Only the record in hand is held; what is kept are the matches, the rule errors and the counts.
/// A match of an alert window an earlier match of the object opened only counts: its title, severity
/// and context are not worked out, since the alert takes them from the window's first match.
/// Objects are the unit of parallel work: evaluators on different objects share nothing but the rules.
/// </summary>
internal sealed class ObjectEvaluator(RuleSet rules, string scope, IDeadLetterSink? deadLetters = null)
{
    private readonly StepEvaluator steps = new(rules);

    /// <summary>
    /// Evaluates the object; <paramref name="stop"/> (the runner's stop request after its grace) is
    /// looked at before each rule call and ends a call in progress at its next sample
    /// (<see cref="Compilation.EvaluationBudget.Stop"/>) and a read waiting on the object's bytes, so
    /// a slow rule or a slow object never holds a stop up. The object is then marked interrupted and
    /// nothing of it is committed.
    /// </summary>
    public ObjectOutcome Evaluate(EventBatch batch, CancellationToken stop)
    {
        var outcome = new ObjectOutcome(batch);
        var budget = stop.CanBeCanceled ? rules.Budget with { Stop = stop } : rules.Budget;
        try
        {
            foreach (var e in batch.ReadEvents(deadLetters, stop))
            {
                if (stop.IsCancellationRequested)
                {
                    outcome.Interrupted = true;
                    return outcome;
                }

                outcome.Events++;
                if (RecordCheck.Check(e) is { } rejection)
                {
                    // Never evaluated with a time made up for it: reported, counted, and dead-lettered.
                    var at = batch.LastEventLocation;
                    outcome.Reject(rejection, outcome.Events - 1, at);
                    deadLetters?.Add(new DeadLetter(at, rejection.Code, rejection.Message) { RecordIndex = outcome.Events - 1, Raw = e.Json.GetRawText() });
                    continue;
                }

                // Indexed: a foreach over the list interface would allocate an enumerator per record.
                var candidates = rules.CandidatesFor(e);
                for (var i = 0; i < candidates.Count; i++)
                {
                    var rule = candidates[i];
                    var result = RuleEvaluator.Evaluate(rule, e, budget, outcome);
                    if (stop.IsCancellationRequested)
                    {
                        // The call may have been cut short: its verdict is not one to commit.
                        outcome.Interrupted = true;
                        return outcome;
                    }

                    if (result.Errors.Count > 0)
                    {
                        outcome.Errors.AddRange(result.Errors);
                    }

                    if (result.Detection is { } detection)
                    {
                        if (!rules.IsSilent(rule.Id))
                        {
                            outcome.Add(result.Repeat ? outcome.FirstOfLastRepeat().Repeat(e) : AlertMatch.Create(detection, rule.Definition, e, scope));
                        }

                        if (!steps.IsEmpty)
                        {
                            steps.FromRule(rule.Id, e, budget, outcome.Steps, outcome.Errors);
                        }
                    }
                    else if (result.SuppressedBy is { } suppression)
                    {
                        outcome.Suppress(rule.Id, suppression.Reason);
                    }
                }

                if (!steps.IsEmpty)
                {
                    steps.FromFunctions(e, budget, outcome.Steps, outcome.Errors);
                    if (stop.IsCancellationRequested)
                    {
                        outcome.Interrupted = true;
                        return outcome;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            outcome.Interrupted = true;
        }

        return outcome;
    }
}
