using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Rules;

/// <summary>
/// The <c>correlation:</c> block of a rule: which step matches are grouped (by group key), over how
/// much event time, and what makes a group fire. A correlation rule alerts once per sequence it sees,
/// whichever inputs or runs its events arrive in.
/// </summary>
public sealed record CorrelationDefinition
{
    public required CorrelationType Type { get; init; }

    /// <summary>How close in event time the matches of one firing are: the first and the last at most this far apart.</summary>
    public required TimeSpan Timespan { get; init; }

    /// <summary>The steps, in the order written (the order that counts for <see cref="CorrelationType.TemporalOrdered"/>).</summary>
    public required IReadOnlyList<CorrelationStepDefinition> Steps { get; init; }

    /// <summary>CloudTrail field paths whose values make the group key; empty when the script's <c>Group</c> function gives it.</summary>
    public IReadOnlyList<string> GroupBy { get; init; } = [];

    /// <summary>For <see cref="CorrelationType.ValueCount"/>: the field path of the counted value; null when the script's <c>Value</c> function gives it.</summary>
    public string? Field { get; init; }

    /// <summary>
    /// For the counting types, how many matches (or distinct values) fire the rule, with <c>gt: n</c>
    /// written as n + 1; for the temporal types, the number of steps.
    /// </summary>
    public required int Threshold { get; init; }

    /// <summary>
    /// For the counting types, the step a count starts at: a sequence begins with one of its matches, and the
    /// other steps' matches after it are counted (the start is not); null to count every step's matches.
    /// </summary>
    public string? After { get; init; }

    /// <summary>Whether the rules named in <c>rule:</c> steps still raise their own alerts (Sigma's <c>generate</c>).</summary>
    public bool Generate { get; init; }

    /// <summary>Where the <c>correlation:</c> key is written.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>Whether the group key comes from the script's <c>Group</c> function rather than from field paths.</summary>
    public bool GroupsByFunction => GroupBy.Count == 0;

    /// <summary>Whether the counted value comes from the script's <c>Value</c> function (value_count without a field).</summary>
    public bool ValuesByFunction => Type == CorrelationType.ValueCount && Field is null;

    /// <summary>The ids of the rules named in <c>rule:</c> steps.</summary>
    public IEnumerable<string> ReferencedRules => Steps.Where(s => s.RuleId is not null).Select(s => s.RuleId!).Distinct(StringComparer.Ordinal);

    /// <summary>The type as the YAML spells it.</summary>
    public static string NameOf(CorrelationType type) => type switch
    {
        CorrelationType.EventCount => "event_count",
        CorrelationType.ValueCount => "value_count",
        CorrelationType.Temporal => "temporal",
        _ => "temporal_ordered",
    };
}
