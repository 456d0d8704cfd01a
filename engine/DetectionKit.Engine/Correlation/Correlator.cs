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
    /// <paramref name="firings"/>; null when there is none.
    /// </summary>
    /// <param name="steps">The group's step matches, in <see cref="Chronological"/> order.</param>
    /// <param name="firings">The group's firings so far.</param>
    /// <param name="from">
    /// The earliest start worth trying: a sequence that starts before it and includes none of the new step
    /// matches was already looked for when its steps arrived.
    /// </param>
    public IReadOnlyList<CorrelationStep>? FindSequence(IReadOnlyList<CorrelationStep> steps, IReadOnlyCollection<CorrelationFiring> firings, DateTimeOffset? from = null)
    {
        for (var start = 0; start < steps.Count; start++)
        {
            if (steps[start].EventTime < from)
            {
                continue;
            }

            if (firings.Any(f => f.Covers(steps[start].EventTime)))
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
                return sequence;
            }
        }

        return null;
    }

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

        var end = steps[start].EventTime + Definition.Timespan;
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

    /// <summary>From the start on, the earliest match of each step within the timespan, in any order; the start itself is one of them.</summary>
    private List<CorrelationStep>? Unordered(IReadOnlyList<CorrelationStep> steps, int start)
    {
        var end = steps[start].EventTime + Definition.Timespan;
        var found = new Dictionary<string, CorrelationStep>(StringComparer.Ordinal);
        for (var i = start; i < steps.Count && steps[i].EventTime <= end; i++)
        {
            found.TryAdd(steps[i].Step, steps[i]);
            if (found.Count == Definition.Steps.Count)
            {
                return [.. found.Values.Order(Chronological)];
            }
        }

        return null;
    }

    /// <summary>The first step at the start, then each next step at or after the one before, all within the timespan.</summary>
    private List<CorrelationStep>? Ordered(IReadOnlyList<CorrelationStep> steps, int start)
    {
        var wanted = Definition.Steps;
        if (steps[start].Step != wanted[0].Name)
        {
            return null;
        }

        var end = steps[start].EventTime + Definition.Timespan;
        var taken = new List<CorrelationStep> { steps[start] };
        for (var i = start + 1; i < steps.Count && steps[i].EventTime <= end && taken.Count < wanted.Count; i++)
        {
            // A later step's event must be another event than the one before it: one call is not a sequence.
            if (steps[i].Step == wanted[taken.Count].Name && steps[i].EventKey != taken[^1].EventKey)
            {
                taken.Add(steps[i]);
            }
        }

        return taken.Count == wanted.Count ? taken : null;
    }
}
