using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Running;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.State;

namespace DetectionKit.Tooling.Captures;

/// <summary>
/// Replays each capture of a folder through a rule set and the alert pipeline, as <c>run</c> does
/// with a file, but with a fresh in-memory state per capture: dedup windows and thresholds apply,
/// and captures do not count towards each other's thresholds. The folder is read by the source
/// <c>run</c> reads folders with, so the captures are exactly the files <c>run</c> would read there.
/// </summary>
public static class CaptureReplay
{
    private const string Scope = "run";

    public static IReadOnlyList<ReplayedCapture> Replay(RuleSet rules, CaptureDirectory captures)
    {
        var ruleIds = rules.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var replayed = new List<ReplayedCapture>();
        foreach (var batch in Read(captures))
        {
            using var state = SqliteAlertStateStore.InMemory();
            // The batch is already read: the runner waits on nothing, so running it synchronously is safe.
            var summary = new DetectionRunner(rules, state, Scope).RunAsync(new OneBatchSource(batch)).GetAwaiter().GetResult();
            var alerts = state.Undelivered(Scope, "captures", ruleIds);
            replayed.Add(new ReplayedCapture(
                captures.NameOf(batch.Origin),
                batch.Origin,
                (int)summary.EventsRead,
                summary.Matches,
                alerts,
                [.. summary.InputProblems, .. summary.RuleErrors.Select(error => error.ToDiagnostic())]));
        }

        return replayed;
    }

    /// <summary>The names of the captures, without replaying them.</summary>
    public static IReadOnlyList<string> Names(CaptureDirectory captures)
    {
        var names = new List<string>();
        foreach (var batch in Read(captures))
        {
            using (batch)
            {
                names.Add(captures.NameOf(batch.Origin));
            }
        }

        return names;
    }

    private static IEnumerable<EventBatch> Read(CaptureDirectory captures)
    {
        foreach (var batch in new FileEventSource([captures.Root]).ReadAsync().ToBlockingEnumerable())
        {
            if (CaptureDirectory.IsSnapshot(batch.Origin))
            {
                batch.Dispose();
                continue;
            }

            yield return batch;
        }
    }
}
