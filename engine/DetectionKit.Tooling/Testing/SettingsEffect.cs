using DetectionKit.Engine.Rules;

namespace DetectionKit.Tooling.Testing;

/// <summary>
/// A recorded case whose verdict an organisation's settings change: it matched as shipped and does not
/// under the settings (a parameter value, or a suppression: <see cref="SuppressedBy"/>), or the reverse.
/// </summary>
public sealed record SettingsEffect(string RuleId, RuleTestCase Case, bool ShippedMatch, bool SettingsMatch, RuleSuppression? SuppressedBy)
{
    /// <summary>A case that expects an alert and that a suppression hides.</summary>
    public bool HidesPositiveCase => Case.Expect && SuppressedBy is not null;
}
