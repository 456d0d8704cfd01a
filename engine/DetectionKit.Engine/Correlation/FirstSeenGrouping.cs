using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Correlation;

/// <summary>
/// The <c>first_seen:</c> decision at commit: the event times of a rule's matches are kept per dedup key
/// (as a group of step <c>seen</c>, under the rule id prefixed <c>first-seen:</c>, beside the correlation
/// groups), and a match with no kept time in its period before it has its alert raised. Kept times older
/// than the newest by more than the period and <see cref="CorrelationGrouping.LateAllowance"/> are dropped,
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

    /// <summary>The matches of the commit that have a <c>first_seen:</c>, by rule and dedup key.</summary>
    public static IEnumerable<IGrouping<(string RuleId, string DedupKey), AlertMatch>> ByKey(IEnumerable<AlertMatch> matches) =>
        matches.Where(m => m.FirstSeen is not null && m.EventTime is not null).GroupBy(m => (m.RuleId, m.DedupKey));

    /// <param name="kept">The key's kept times (an empty group when none).</param>
    /// <param name="matches">The commit's matches of the key, all with the same <c>first_seen:</c>.</param>
    /// <returns>Each match, raised when it is the first in its period, and the update of the kept times.</returns>
    public static (IReadOnlyDictionary<AlertMatch, AlertMatch> Raised, CorrelationUpdate Update) Apply(CorrelationGroup kept, IReadOnlyList<AlertMatch> matches)
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
            if (definition.IsFirst(times, match.EventTime!.Value) && definition.Severity > alert.Severity)
            {
                raised[match] = match with { FirstAlert = alert with { Severity = definition.Severity } };
            }
        }

        var horizon = all.Max(s => s.EventTime) - definition.Within - CorrelationGrouping.LateAllowance;
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
        var seen = matches.Where(m => m.EventTime is not null).GroupBy(m => m.DedupKey).ToDictionary(g => g.Key, g => g.Select(m => m.EventTime!.Value).ToList());
        return [.. matches.Select(m => m.EventTime is { } time && definition.IsFirst(seen[m.DedupKey], time) && definition.Severity > m.Severity ? definition.Severity : m.Severity)];
    }
}
