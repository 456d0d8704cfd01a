using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.State;

namespace DetectionKit.Engine.Running;

/// <summary>
/// source → evaluate → alert state. Objects are evaluated side by side, up to
/// <see cref="Parallelism"/> at once, each read record by record (<see cref="ObjectEvaluator"/>); their
/// matches (and checkpoints) are committed to the state store one object per transaction, in the
/// order the source gave the objects, so the outcome is the same on one core as on many. A stop request
/// ends the reading of further objects at once; the objects in hand get <see cref="StopGrace"/> to be
/// read to their end, after which a rule call in progress is ended and the read is cut short. An
/// object cut short is not committed, so the next run reads it again.
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

    /// <summary>Objects evaluated at once; the processor count unless set.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Called with each object once its outcome is committed, read to its end or not (its
    /// <see cref="EventBatch.Failure"/> says why not), before it is released; not for an object a stop interrupted.
    /// </summary>
    public Action<EventBatch>? Committed { get; init; }

    /// <summary>How long the objects in hand may take to finish after a stop request before they are cut short.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Receives every record, value and input that could not be read or was not evaluated; none when null.</summary>
    public IDeadLetterSink? DeadLetters { get; init; }

    /// <param name="source">Where the events come from.</param>
    /// <param name="checkpointOf">The checkpoint to record with a batch, or null for none.</param>
    /// <param name="progress">Called after each object is committed, with the running totals.</param>
    /// <param name="stop">Stops reading; objects already read to their end, or read to it within <see cref="StopGrace"/>, are still committed.</param>
    public async Task<RunSummary> RunAsync(IEventSource source, Func<EventBatch, Checkpoint?>? checkpointOf = null, Action<RunSummary>? progress = null, CancellationToken stop = default)
    {
        var totals = new Totals();
        var evaluator = new ObjectEvaluator(rules, scope, DeadLetters);
        var inFlight = new Queue<(EventBatch Batch, Task<ObjectOutcome> Work)>();
        var width = Math.Max(1, Parallelism);
        using var cutShort = new CancellationTokenSource();
        var grace = StopGrace;
        await using var onStop = stop.Register(() =>
        {
            if (grace > TimeSpan.Zero)
            {
                cutShort.CancelAfter(grace);
            }
            else
            {
                cutShort.Cancel();
            }
        });
        var evaluationStop = stop.CanBeCanceled ? cutShort.Token : CancellationToken.None;
        try
        {
            await using var enumerator = source.ReadAsync(stop).GetAsyncEnumerator(stop);
            while (true)
            {
                try
                {
                    if (stop.IsCancellationRequested || !await enumerator.MoveNextAsync())
                    {
                        totals.Stopped |= stop.IsCancellationRequested;
                        break;
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    totals.Stopped = true;
                    break;
                }

                var batch = enumerator.Current;
                inFlight.Enqueue((batch, width == 1 ? Evaluated(evaluator, batch, evaluationStop) : Task.Run(() => evaluator.Evaluate(batch, evaluationStop), CancellationToken.None)));
                while (inFlight.Count >= width)
                {
                    Commit(await inFlight.Peek().Work, totals, checkpointOf, progress);
                    inFlight.Dequeue();
                }
            }

            while (inFlight.Count > 0)
            {
                Commit(await inFlight.Peek().Work, totals, checkpointOf, progress);
                inFlight.Dequeue();
            }
        }
        finally
        {
            // Only after a failure: release what was still being read, whatever became of it.
            while (inFlight.Count > 0)
            {
                var (batch, work) = inFlight.Dequeue();
                try
                {
                    await work;
                }
                catch (Exception)
                {
                    // The failure that brought us here is already on its way out; this one would hide it.
                }
                finally
                {
                    batch.Dispose();
                }
            }
        }

        return totals.Summary(totals.Stopped);
    }

    /// <summary>One object evaluated on the calling thread, its failure (a bug) carried like a task's so the batch is still released.</summary>
    private static Task<ObjectOutcome> Evaluated(ObjectEvaluator evaluator, EventBatch batch, CancellationToken stop)
    {
        try
        {
            return Task.FromResult(evaluator.Evaluate(batch, stop));
        }
        catch (Exception ex)
        {
            return Task.FromException<ObjectOutcome>(ex);
        }
    }

    private void Commit(ObjectOutcome outcome, Totals totals, Func<EventBatch, Checkpoint?>? checkpointOf, Action<RunSummary>? progress)
    {
        using var batch = outcome.Batch;
        if (outcome.Interrupted)
        {
            totals.Stopped = true;
            return;
        }

        totals.Batches++;
        totals.Events += outcome.Events;
        totals.Problems.AddRange(batch.Problems);
        totals.Problems.AddRange(outcome.RejectionProblems);
        totals.Inputs = totals.Inputs.Add(outcome.Rejected with { Empty = batch.IsEmpty ? 1 : 0, Unreadable = batch.Failure is null ? 0 : 1 });
        totals.Errors.AddRange(outcome.Errors);
        foreach (var (key, count) in outcome.Suppressed)
        {
            totals.Suppressed[key] = totals.Suppressed.GetValueOrDefault(key) + count;
        }

        // An object not read to its end is not checkpointed: the next run reads it again.
        var checkpoint = batch.ReadToEnd ? checkpointOf?.Invoke(batch) : null;
        state.Commit(scope, outcome.Matches, checkpoint, outcome.Steps);
        Committed?.Invoke(batch);
        totals.Matches += outcome.Matches.Count;
        totals.ObjectsRead += batch.SourceKey is not null && batch.ReadToEnd ? 1 : 0;
        progress?.Invoke(totals.Summary(stopped: false));
    }

    private sealed class Totals
    {
        public int Batches { get; set; }

        public int ObjectsRead { get; set; }

        public long Events { get; set; }

        public long Matches { get; set; }

        public bool Stopped { get; set; }

        public InputCounts Inputs { get; set; } = InputCounts.None;

        public List<Diagnostic> Problems { get; } = [];

        public List<RuleError> Errors { get; } = [];

        public Dictionary<(string RuleId, string Reason), long> Suppressed { get; } = [];

        public RunSummary Summary(bool stopped) => new(Batches, Events, Matches, Problems, Errors, stopped)
        {
            ObjectsRead = ObjectsRead,
            Inputs = Inputs,
            Suppressed = Suppressed
                .OrderBy(s => s.Key.RuleId, StringComparer.Ordinal)
                .ThenBy(s => s.Key.Reason, StringComparer.Ordinal)
                .Select(s => new SuppressedMatches(s.Key.RuleId, s.Key.Reason, s.Value))
                .ToList(),
        };
    }
}
