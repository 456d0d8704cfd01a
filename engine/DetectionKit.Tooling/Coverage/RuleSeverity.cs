using DetectionKit.Scripting;

namespace DetectionKit.Tooling.Coverage;

/// <summary>
/// What a rule says about its severity and what its cases show: the <see cref="Declared"/> YAML
/// severity, and the highest severity among the matching cases of its verified snapshot
/// (<see cref="InSnapshot"/>, null when the snapshot has none), which a <c>Severity</c> function
/// may raise above or keep below the declared one.
/// </summary>
public sealed record RuleSeverity(string RuleId, string Pack, bool Enabled, AlertSeverity Declared, AlertSeverity? InSnapshot)
{
    /// <summary>The highest severity the rule is seen to alert at: from its snapshot, or the declared one when the snapshot shows none.</summary>
    public AlertSeverity Highest => InSnapshot ?? Declared;

    /// <summary>The rule can raise a high or critical alert.</summary>
    public bool AlertsHighOrAbove => Highest >= AlertSeverity.High;

    /// <summary>The snapshot shows a severity other than the declared one.</summary>
    public bool DiffersFromDeclared => InSnapshot is { } seen && seen != Declared;
}
