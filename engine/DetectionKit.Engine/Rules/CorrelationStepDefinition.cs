using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Rules;

/// <summary>
/// One step of a correlation rule: a <c>bool Name(CloudTrailEvent e)</c> function of the rule's own
/// script (with an optional prefilter), or the matches of another rule, named by id.
/// </summary>
public sealed record CorrelationStepDefinition(string Name, SourceLocation Location)
{
    /// <summary>The script function that decides the step; null for a step made of another rule's matches.</summary>
    public string? Function { get; init; }

    /// <summary>The rule whose matches are the step; null for a function step.</summary>
    public string? RuleId { get; init; }

    /// <summary>The prefilter of a function step: the function sees only events it matches.</summary>
    public EventMatch Match { get; init; } = EventMatch.Any;
}
