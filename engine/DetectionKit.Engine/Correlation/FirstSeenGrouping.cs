using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Correlation;

/// <summary>
/// The <c>first_seen:</c> decision at commit: the event times of a rule's matches are kept per dedup key
/// (as a group of step <c>seen</c>, under the rule id prefixed <c>first-seen:</c>, beside the correlation
/// groups), and a match with no kept time in its period before it has its alert raised. Kept times older
/// than the newest by more than the period and <see cref="CorrelationGrouping.LateAllowance"/> are dropped,
/// and nothing is raised before the state has followed the rule (<see cref="Track"/>) for a whole period,
/// and at most <see cref="MaxTimesPerKey"/> are kept. Only the match that opens an alert window gives the
/// alert, so raising the others changes nothing.
/// </summary>
public static class FirstSeenGrouping
{
    public const string Step = "seen";

    /// <summary>Event times one key keeps at most (the newest).</summary>
    public const int MaxTimesPerKey = 1_000;

    /// <summary>The rule id a rule's first-seen times are kept under.</summary>
    public static string StateRuleId(string ruleId) => "first-seen:" + ruleId;

    /// <summary>The group key under which a rule's tracking start is kept: no dedup key is a control character.</summary>
    public const string TrackingKey = "\u0001since";

    /// <summary>
    /// When the state started following the rule: the earliest event time of its matches it has kept, with the
    /// commit's taken into account, and the update that keeps it. A match is raised only once the state has
    /// followed the rule for a whole period before it: a new state knows of no earlier match, which is not the
    /// same as there having been none.
    /// </summary>
    public static (DateTimeOffset Since, CorrelationUpdate Update) Track(CorrelationGroup kept, IEnumerable<AlertMatch> matches)
    {
        var earliest = matches.Where(m => m.EventTime is not null).Min(m => m.EventTime!.Value);
        var known = kept.Steps.FirstOrDefault();
        if (known is not null && known.EventTime <= earliest)
        {
            return (known.EventTime, new CorrelationUpdate(kept, [], [], [], []));
        }

        var step = new CorrelationStep { Step = "since", EventKey = "since", EventTime = earliest };
        return (earliest, new CorrelationUpdate(kept with { Steps = [step] }, [step], known is null ? [] : [known], [], []));
    }

    /// <summary>The matches of the commit that have a <c>first_seen:</c>, by rule.</summary>
    public static IEnumerable<IGrouping<string, AlertMatch>> ByRule(IEnumerable<AlertMatch> matches) =>
        matches.Where(m => m.FirstSeen is not null && m.EventTime is not null).GroupBy(m => m.RuleId, StringComparer.Ordinal);

    /// <summary>The matches of the commit that have a <c>first_seen:</c>, by rule and dedup key.</summary>
    public static IEnumerable<IGrouping<(string RuleId, string DedupKey), AlertMatch>> ByKey(IEnumerable<AlertMatch> matches) =>
        matches.Where(m => m.FirstSeen is not null && m.EventTime is not null).GroupBy(m => (m.RuleId, m.DedupKey));

    /// <param name="kept">The key's kept times (an empty group when none).</param>
    /// <param name="matches">The commit's matches of the key, all with the same <c>first_seen:</c>.</param>
    /// <returns>Each match, raised when it is the first in its period, and the update of the kept times.</returns>
    /// <param name="since">When the state started following the rule (<see cref="Track"/>).</param>
    public static (IReadOnlyDictionary<AlertMatch, AlertMatch> Raised, CorrelationUpdate Update) Apply(CorrelationGroup kept, IReadOnlyList<AlertMatch> matches, DateTimeOffset since)
    {
        var definition = matches[0].FirstSeen!;
        var known = kept.Steps.Select(s => s.EventKey).ToHashSet(StringComparer.Ordinal);
        var added = new List<CorrelationStep>();
        foreach (var match in matches)
        {
            if (known.Add(match.EventKey))
            {
                added.Add(new CorrelationStep { Step = Step, EventKey = match.EventKey, EventTime = match.EventTime!.Value, EventId = match.EventId });
            }
        }

        var all = kept.Steps.Concat(added).ToList();
        var times = all.Select(s => s.EventTime).ToList();
        var raised = new Dictionary<AlertMatch, AlertMatch>(ReferenceEqualityComparer.Instance);
        foreach (var match in matches)
        {
            var alert = match.FirstAlert;
            if (definition.Follows(since, match.EventTime!.Value) && definition.IsFirst(times, match.EventTime!.Value) && definition.Severity > alert.Severity)
            {
                raised[match] = match with { FirstAlert = alert with { Severity = definition.Severity } };
            }
        }

        var horizon = Correlator.Earlier(Correlator.Earlier(all.Max(s => s.EventTime), definition.Within), CorrelationGrouping.LateAllowance);
        var keep = all.Where(s => s.EventTime >= horizon).OrderBy(s => s.EventTime).TakeLast(MaxTimesPerKey).ToList();
        var keepKeys = keep.Select(s => s.EventKey).ToHashSet(StringComparer.Ordinal);
        var update = new CorrelationUpdate(
            kept with { Steps = keep },
            [.. added.Where(s => keepKeys.Contains(s.EventKey))],
            [.. kept.Steps.Where(s => !keepKeys.Contains(s.EventKey))],
            [],
            []);
        return (raised, update);
    }

    /// <summary>The severities of a sequence of matches of one rule with no state before them: what a case records.</summary>
    public static IReadOnlyList<AlertSeverity> Severities(FirstSeenDefinition definition, IReadOnlyList<(string DedupKey, DateTimeOffset? EventTime, AlertSeverity Severity)> matches)
    {
        var timed = matches.Where(m => m.EventTime is not null).ToList();
        if (timed.Count == 0)
        {
            return [.. matches.Select(m => m.Severity)];
        }

        var since = timed.Min(m => m.EventTime!.Value);
        var seen = timed.GroupBy(m => m.DedupKey).ToDictionary(g => g.Key, g => g.Select(m => m.EventTime!.Value).ToList());
        return [.. matches.Select(m => m.EventTime is { } time && definition.Follows(since, time) && definition.IsFirst(seen[m.DedupKey], time) && definition.Severity > m.Severity ? definition.Severity : m.Severity)];
    }
}
