using DetectionKit.Scripting;

namespace DetectionKit.Engine.Rules;

/// <summary>
/// The <c>first_seen:</c> block of a rule of single events: a match whose dedup key had no match of the
/// rule in the <see cref="Within"/> before it (by event time, as the state remembers) is raised to
/// <see cref="Severity"/>, once the state has followed the rule for a whole period. The same call from a
/// principal who makes it every week stays at the rule's severity; the first in a month stands out.
/// </summary>
public sealed record FirstSeenDefinition(TimeSpan Within, AlertSeverity Severity)
{
    /// <summary>The longest period: first-seen times are kept this long after the windows they belong to are forgotten.</summary>
    public static TimeSpan MaxWithin { get; } = TimeSpan.FromDays(366);

    /// <summary>Whether the state, following the rule since <paramref name="since"/>, knows a whole period before the time.</summary>
    public bool Follows(DateTimeOffset since, DateTimeOffset time) => time - since >= Within;

    /// <summary>Whether a match at <paramref name="time"/> is the first of its key, given the times its key was seen.</summary>
    public bool IsFirst(IEnumerable<DateTimeOffset> seen, DateTimeOffset time) =>
        !seen.Any(s => s < time && s >= (time < DateTimeOffset.MinValue + Within ? DateTimeOffset.MinValue : time - Within));
}
