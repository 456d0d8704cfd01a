using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Correlation;

/// <summary>
/// The decision of one correlation rule over one group's step matches, in event time: the earliest
/// sequence that meets the rule's type and timespan and overlaps no earlier firing. Pure, so every
/// store decides the same way whatever order the inputs came in, and keeps only the result.
/// </summary>
public sealed class Correlator
{
    public Correlator(string ruleId, string title, AlertSeverity severity, CorrelationDefinition definition)
    {
        RuleId = ruleId;
        Title = title;
        Severity = severity;
        Definition = definition;
        Order = definition.Steps.Select((s, i) => (s.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
    }

    public string RuleId { get; }

    /// <summary>The rule's title: the alert's, with the group key, when the script has no <c>Title</c>.</summary>
    public string Title { get; }

    public AlertSeverity Severity { get; }

    public CorrelationDefinition Definition { get; }

    private Dictionary<string, int> Order { get; }

    /// <summary>Orders step matches as the decision reads them: event time, then event key, then step order.</summary>
    public IComparer<CorrelationStep> Chronological => Comparer<CorrelationStep>.Create((a, b) =>
    {
        var byTime = a.EventTime.CompareTo(b.EventTime);
        if (byTime != 0)
        {
            return byTime;
        }

        var byKey = string.CompareOrdinal(a.EventKey, b.EventKey);
        return byKey != 0 ? byKey : StepIndex(a).CompareTo(StepIndex(b));
    });

    /// <summary>
    /// The earliest sequence in <paramref name="steps"/> that fires the rule and overlaps none of
    /// <paramref name="firings"/>, with the index it starts at; null when there is none.
    /// </summary>
    /// <param name="steps">The group's step matches, in <see cref="Chronological"/> order.</param>
    /// <param name="firings">The group's firings so far.</param>
    /// <param name="from">
    /// The earliest start worth trying: a sequence that starts before it and includes none of the new step
    /// matches was already looked for when its steps arrived.
    /// </param>
    /// <param name="fromIndex">The first index to try: after a sequence is found, the search goes on after its start.</param>
    public (IReadOnlyList<CorrelationStep> Sequence, int Start)? FindSequence(IReadOnlyList<CorrelationStep> steps, IReadOnlyCollection<CorrelationFiring> firings, DateTimeOffset? from = null, int fromIndex = 0)
    {
        for (var start = fromIndex; start < steps.Count; start++)
        {
            if (steps[start].EventTime < from || firings.Any(f => f.Covers(steps[start].EventTime)))
            {
                continue;
            }

            var sequence = Definition.Type switch
            {
                CorrelationType.EventCount => Counted(steps, start, _ => null),
                CorrelationType.ValueCount => Counted(steps, start, s => s.Value),
                CorrelationType.Temporal => Unordered(steps, start),
                _ => Ordered(steps, start),
            };
            if (sequence is not null && !firings.Any(f => f.Overlaps(sequence[0].EventTime, sequence[^1].EventTime)))
            {
                return (sequence, start);
            }
        }

        return null;
    }

    /// <summary>The time a span after another, or the latest time there is: event times are the input's, and may be anything.</summary>
    public static DateTimeOffset Later(DateTimeOffset time, TimeSpan span) =>
        time > DateTimeOffset.MaxValue - span ? DateTimeOffset.MaxValue : time + span;

    /// <summary>The time a span before another, or the earliest time there is.</summary>
    public static DateTimeOffset Earlier(DateTimeOffset time, TimeSpan span) =>
        time < DateTimeOffset.MinValue + span ? DateTimeOffset.MinValue : time - span;

    private int StepIndex(CorrelationStep step) => Order.TryGetValue(step.Step, out var index) ? index : int.MaxValue;

    /// <summary>
    /// From the start on, the fewest matches within the timespan that reach the threshold: matches for
    /// event_count (one per event, however many steps it matched), distinct values for value_count. With
    /// <see cref="CorrelationDefinition.After"/>, the start must be a match of that step, which is not counted.
    /// </summary>
    private List<CorrelationStep>? Counted(IReadOnlyList<CorrelationStep> steps, int start, Func<CorrelationStep, string?> value)
    {
        var after = Definition.After;
        if (after is not null && steps[start].Step != after)
        {
            return null;
        }

        var end = Later(steps[start].EventTime, Definition.Timespan);
        var events = new HashSet<string>(StringComparer.Ordinal);
        var values = new HashSet<string>(StringComparer.Ordinal);
        var taken = new List<CorrelationStep>();
        if (after is not null)
        {
            // The start opens the count and is not counted: neither is anything else its event matched.
            events.Add(steps[start].EventKey);
        }

        for (var i = start; i < steps.Count && steps[i].EventTime <= end; i++)
        {
            var step = steps[i];
            if (step.Step == after || !events.Add(step.EventKey))
            {
                continue;
            }

            var counted = Definition.Type == CorrelationType.ValueCount ? value(step) is { } v && values.Add(v) : true;
            if (!counted)
            {
                continue;
            }

            taken.Add(step);
            if (taken.Count >= Definition.Threshold)
            {
                return after is null ? taken : [steps[start], .. taken];
            }
        }

        return null;
    }

    /// <summary>
    /// From the start on, a match of every step within the timespan, in any order, each a different event
    /// (an event that matches two steps is one of them): the earliest events that complete an assignment.
    /// </summary>
    private List<CorrelationStep>? Unordered(IReadOnlyList<CorrelationStep> steps, int start)
    {
        var end = Later(steps[start].EventTime, Definition.Timespan);
        var stepCount = Definition.Steps.Count;
        var candidates = new List<CorrelationStep>();
        for (var i = start; i < steps.Count && steps[i].EventTime <= end; i++)
        {
            candidates.Add(steps[i]);
            if (Assign(candidates, stepCount) is { } assigned)
            {
                return [.. assigned.Order(Chronological)];
            }
        }

        return null;
    }

    /// <summary>A match per step, each of a different event, from the candidates (a bipartite matching of steps to events); null when there is none.</summary>
    private List<CorrelationStep>? Assign(List<CorrelationStep> candidates, int stepCount)
    {
        if (candidates.Select(c => c.Step).Distinct(StringComparer.Ordinal).Count() < stepCount)
        {
            return null;
        }

        var events = candidates.Select(c => c.EventKey).Distinct(StringComparer.Ordinal).ToList();
        var byStep = Definition.Steps.Select(s => candidates.Where(c => c.Step == s.Name).ToList()).ToList();
        var holder = new Dictionary<string, int>(StringComparer.Ordinal);
        var chosen = new CorrelationStep?[stepCount];
        bool Place(int step, HashSet<string> seen)
        {
            foreach (var candidate in byStep[step])
            {
                if (!seen.Add(candidate.EventKey))
                {
                    continue;
                }

                if (!holder.TryGetValue(candidate.EventKey, out var other) || Place(other, seen))
                {
                    holder[candidate.EventKey] = step;
                    chosen[step] = candidate;
                    return true;
                }
            }

            return false;
        }

        for (var step = 0; step < stepCount; step++)
        {
            if (!Place(step, new HashSet<string>(StringComparer.Ordinal)))
            {
                return null;
            }
        }

        return events.Count >= stepCount ? [.. chosen.Select(c => c!)] : null;
    }

    /// <summary>
    /// The first step at the start, then each next step at or after the time of the one before (a tie in
    /// event time counts as in order: CloudTrail times are whole seconds), each a different event, all
    /// within the timespan.
    /// </summary>
    private List<CorrelationStep>? Ordered(IReadOnlyList<CorrelationStep> steps, int start)
    {
        var wanted = Definition.Steps;
        if (steps[start].Step != wanted[0].Name)
        {
            return null;
        }

        var end = Later(steps[start].EventTime, Definition.Timespan);
        var taken = new List<CorrelationStep> { steps[start] };
        var used = new HashSet<string>(StringComparer.Ordinal) { steps[start].EventKey };
        var from = start;
        while (taken.Count < wanted.Count)
        {
            // Back to the first match at the time reached: ties sort by event key, not by what happened first.
            while (from > 0 && steps[from - 1].EventTime == taken[^1].EventTime)
            {
                from--;
            }

            var next = -1;
            for (var i = from; i < steps.Count && steps[i].EventTime <= end; i++)
            {
                if (steps[i].EventTime >= taken[^1].EventTime && steps[i].Step == wanted[taken.Count].Name && !used.Contains(steps[i].EventKey))
                {
                    next = i;
                    break;
                }
            }

            if (next < 0)
            {
                return null;
            }

            taken.Add(steps[next]);
            used.Add(steps[next].EventKey);
            from = next;
        }

        return taken;
    }
}
