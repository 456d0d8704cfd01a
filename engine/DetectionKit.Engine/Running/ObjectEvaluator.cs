using DetectionKit.Engine.Alerting;
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
    /// <summary>How many records are read between two looks at the stop request.</summary>
    private const int StopCheckEvery = 1024;

    public ObjectOutcome Evaluate(EventBatch batch, CancellationToken stop)
    {
        var outcome = new ObjectOutcome(batch, scope);
        var sinceCheck = 0;
        foreach (var e in batch.ReadEvents(deadLetters))
        {
            if (++sinceCheck == StopCheckEvery)
            {
                sinceCheck = 0;
                if (stop.IsCancellationRequested)
                {
                    outcome.Interrupted = true;
                    return outcome;
                }
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

            foreach (var rule in rules.CandidatesFor(e))
            {
                var result = RuleEvaluator.Evaluate(rule, e, rules.Budget, outcome);
                if (result.Errors.Count > 0)
                {
                    outcome.Errors.AddRange(result.Errors);
                }

                if (result.Detection is { } detection)
                {
                    outcome.Add(result.Repeat ? outcome.FirstOfLastRepeat().Repeat(e) : AlertMatch.Create(detection, rule.Definition, e, scope));
                }
                else if (result.SuppressedBy is { } suppression)
                {
                    outcome.Suppress(rule.Id, suppression.Reason);
                }
            }
        }

        return outcome;
    }
}
