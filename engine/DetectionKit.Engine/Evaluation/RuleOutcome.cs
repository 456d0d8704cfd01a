using DetectionKit.Engine.Rules;

namespace DetectionKit.Engine.Evaluation;

/// <summary>
/// What a rule made of one event. A match whose output functions failed still carries a detection,
/// built with the defaults for what failed, so nothing is silently dropped; the errors say what failed.
/// A match an organisation's settings suppress has no detection, and says which suppression held.
/// </summary>
public sealed record RuleOutcome(bool Matched, Detection? Detection, IReadOnlyList<RuleError> Errors)
{
    public static RuleOutcome NoMatch { get; } = new(false, null, []);

    /// <summary>
    /// A match of an alert window already open in what is being read: only its dedup key was worked
    /// out (it names the window), not its title, severity or context, which the window's first match gives the alert.
    /// </summary>
    public bool Repeat { get; init; }

    /// <summary>The suppression that kept the match from becoming a detection; null when none did.</summary>
    public RuleSuppression? SuppressedBy { get; init; }
}
