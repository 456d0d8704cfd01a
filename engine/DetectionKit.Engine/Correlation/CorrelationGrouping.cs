using DetectionKit.Engine.Alerting;

namespace DetectionKit.Engine.Correlation;

/// <summary>
/// Step matches into their groups, and groups into alerts. A step match the group has already kept
/// (the same event read again) changes nothing; the group is then decided again over everything it
/// kept, in event time, so a sequence split over inputs, runs or workers, or one whose later file
/// arrived first, fires exactly once: a firing is remembered with its span (its first event and the
/// timespan after it), and any sequence that overlaps it is the same activity. What a group keeps is bounded: step matches inside a firing's
/// span, or older than the newest by more than the timespan and <see cref="LateAllowance"/>, cannot
/// start a new sequence and are dropped, and past <see cref="MaxStepsPerGroup"/> the oldest go.
/// </summary>
public static class CorrelationGrouping
{
    /// <summary>How late a file may arrive and still complete a sequence with what came before it.</summary>
    public static TimeSpan LateAllowance { get; } = TimeSpan.FromDays(1);

    /// <summary>Step matches one group keeps at most.</summary>
    public const int MaxStepsPerGroup = 5_000;

    /// <summary>Firings one group remembers at most (the newest).</summary>
    public const int MaxFiringsPerGroup = 200;

    /// <param name="kept">The group as the store has it (an empty one when it has none).</param>
    /// <param name="arriving">The commit's step matches of this group, in the order found.</param>
    /// <param name="scope">The state scope: part of the alert id.</param>
    /// <param name="now">The commit's time: when a firing's alert fired.</param>
    public static CorrelationUpdate Apply(CorrelationGroup kept, IReadOnlyList<StepMatch> arriving, string scope, DateTimeOffset now)
    {
        if (arriving.Count == 0)
        {
            return new CorrelationUpdate(kept, [], [], [], []);
        }

        var correlator = arriving[0].Correlator;
        var known = kept.Steps.Select(s => (s.Step, s.EventKey)).ToHashSet();
        var added = new List<CorrelationStep>();
        foreach (var match in arriving)
        {
            if (known.Add((match.Step.Step, match.Step.EventKey)) && !kept.Firings.Any(f => f.Covers(match.Step.EventTime)))
            {
                added.Add(match.Step);
            }
        }

        if (added.Count == 0)
        {
            return new CorrelationUpdate(kept, [], [], [], []);
        }

        var steps = kept.Steps.Concat(added).Order(correlator.Chronological).ToList();
        var firings = kept.Firings.ToList();
        var fired = new List<CorrelationFiring>();
        var alerts = new List<(AlertWindow, Alert)>();
        // Only a sequence that includes a new step match can be new: it starts at most a timespan before the earliest.
        var timespan = correlator.Definition.Timespan;
        var from = Correlator.Earlier(added.Min(s => s.EventTime), timespan);
        var fromIndex = 0;
        while (correlator.FindSequence(steps, firings, from, fromIndex) is var (sequence, start))
        {
            // A firing stands for its whole timespan: the rest of a burst, or more of the same steps within
            // it, is the same activity, and a later sequence starts after it.
            var (window, alert) = CorrelationAlert.Describe(correlator, scope, kept.GroupKey, sequence, now);
            var firing = new CorrelationFiring(alert.AlertId, sequence[0].EventTime, Correlator.Later(sequence[0].EventTime, timespan));
            fromIndex = start + 1;
            firings.Add(firing);
            fired.Add(firing);
            alerts.Add((window, alert));
        }

        var newest = steps[^1].EventTime;
        var horizon = Correlator.Earlier(Correlator.Earlier(newest, timespan), LateAllowance);
        var keep = steps.Where(s => s.EventTime >= horizon && !firings.Any(f => f.Covers(s.EventTime))).TakeLast(MaxStepsPerGroup).ToList();
        var keptSet = keep.Select(s => (s.Step, s.EventKey)).ToHashSet();
        var removed = kept.Steps.Where(s => !keptSet.Contains((s.Step, s.EventKey))).ToList();
        var group = kept with
        {
            Steps = keep,
            Firings = [.. firings.OrderBy(f => f.First).TakeLast(MaxFiringsPerGroup)],
        };
        return new CorrelationUpdate(group, [.. added.Where(s => keptSet.Contains((s.Step, s.EventKey)))], removed, fired, alerts);
    }

    /// <summary>The commit's step matches by rule and group key, each group's in the order found.</summary>
    public static IEnumerable<IGrouping<(string RuleId, string GroupKey), StepMatch>> ByGroup(IEnumerable<StepMatch> matches) =>
        matches.GroupBy(m => (m.RuleId, m.GroupKey));
}
