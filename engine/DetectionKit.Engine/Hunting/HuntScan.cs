using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Running;
using DetectionKit.Engine.Sources;

namespace DetectionKit.Engine.Hunting;

/// <summary>
/// Streams the records of a source through a compiled query, one record at a time: a record that
/// passes the test is handed on with its values at once, and nothing else is held. Records are read
/// by the readers <c>run</c> uses (every file format and envelope, the same limits) and a record
/// <c>run</c> would not evaluate (not CloudTrail, undated, a bad eventTime) is counted by kind and
/// not tested. An expression that throws or runs past its budget fails on that record only.
/// </summary>
public sealed class HuntScan(CompiledQuery query)
{
    /// <summary>How often, in records, progress is offered within one input.</summary>
    private const int ProgressEvery = 10_000;

    /// <summary>Stop after this many matches; none when null.</summary>
    public long? Limit { get; init; }

    /// <summary>Called after each input and every few thousand records with the running totals.</summary>
    public Action<HuntSummary>? Progress { get; init; }

    /// <param name="source">Where the records come from.</param>
    /// <param name="found">Called with each record that passes, as it is found.</param>
    /// <param name="stop">Ends the scan (Ctrl-C); what was found so far stands.</param>
    public async Task<HuntSummary> RunAsync(IEventSource source, Action<HuntRow> found, CancellationToken stop = default)
    {
        var totals = new Totals();
        var failures = new ExpressionFailures();
        var values = new System.Text.Json.Nodes.JsonNode?[query.Values.Count];
        try
        {
            await foreach (var batch in source.ReadAsync(stop).WithCancellation(stop))
            {
                using (batch)
                {
                    var index = -1L;
                    var rejected = InputCounts.None;
                    var rejections = new List<Diagnostic>();
                    foreach (var e in batch.ReadEvents(stop: stop))
                    {
                        index++;
                        totals.Scanned++;
                        if (index % ProgressEvery == ProgressEvery - 1)
                        {
                            Progress?.Invoke(totals.Summary(failures));
                        }

                        if (RecordCheck.Check(e) is { } rejection)
                        {
                            rejected = rejected.Add(Count(rejection.Reason));
                            if (rejections.Count < CloudTrailRecordReader.MaxProblemsKept)
                            {
                                rejections.Add(Diagnostic.Warning(rejection.Code, batch.LastEventLocation, $"record index {index}: {rejection.Message}; not evaluated"));
                            }

                            continue;
                        }

                        if (!query.Matches(e, out var failure))
                        {
                            if (failure is not null)
                            {
                                failures.Add(failure, batch.LastEventLocation, index);
                            }

                            continue;
                        }

                        totals.Matched++;
                        for (var i = 0; i < values.Length; i++)
                        {
                            values[i] = query.Value(i, e, out var valueFailure);
                            if (valueFailure is not null)
                            {
                                failures.Add(valueFailure, batch.LastEventLocation, index);
                            }
                        }

                        found(new HuntRow(e, values));
                        if (totals.Matched >= Limit)
                        {
                            totals.ReachedLimit = true;
                            break;
                        }
                    }

                    totals.Inputs++;
                    totals.Problems.AddRange(batch.Problems);
                    totals.Problems.AddRange(rejections);
                    if (rejected.NotEvaluated > rejections.Count)
                    {
                        totals.Problems.Add(Diagnostic.Warning(DiagnosticCodes.InvalidRecord, new SourceLocation(batch.Origin), $"{rejected.NotEvaluated - rejections.Count:N0} more records of this input were not evaluated (not CloudTrail, undated or with a bad eventTime) and were not listed"));
                    }

                    totals.NotRead = totals.NotRead.Add(rejected with { Empty = batch.IsEmpty ? 1 : 0, Unreadable = batch.Failure is null || totals.ReachedLimit ? 0 : 1 });
                    Progress?.Invoke(totals.Summary(failures));
                }

                if (totals.ReachedLimit)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            totals.Interrupted = true;
        }

        return totals.Summary(failures);
    }

    private static InputCounts Count(RecordRejection.Kind kind) => kind switch
    {
        RecordRejection.Kind.NotCloudTrail => new InputCounts { NotCloudTrail = 1 },
        RecordRejection.Kind.Undated => new InputCounts { Undated = 1 },
        _ => new InputCounts { BadEventTime = 1 },
    };

    private sealed class Totals
    {
        public int Inputs { get; set; }

        public long Scanned { get; set; }

        public long Matched { get; set; }

        public bool ReachedLimit { get; set; }

        public bool Interrupted { get; set; }

        public InputCounts NotRead { get; set; } = InputCounts.None;

        public List<Diagnostic> Problems { get; } = [];

        public HuntSummary Summary(ExpressionFailures failures) => new()
        {
            Inputs = Inputs,
            Scanned = Scanned,
            Matched = Matched,
            NotRead = NotRead,
            Problems = Problems,
            ExpressionProblems = failures.ToDiagnostics(),
            ReachedLimit = ReachedLimit,
            Interrupted = Interrupted,
        };
    }
}
