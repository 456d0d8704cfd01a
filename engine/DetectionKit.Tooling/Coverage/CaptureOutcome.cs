namespace DetectionKit.Tooling.Coverage;

/// <summary>
/// One capture replayed through the enabled rules the way <c>run</c> replays a file: its name (its
/// path under the captures folder), the ATT&amp;CK tactic its file name gives when it follows Stratus
/// Red Team's <c>aws.&lt;tactic&gt;.&lt;technique&gt;</c> naming, the rules' matches before dedup and
/// thresholds, and the alerts that came out of the alert pipeline. <see cref="IsRuleCase"/> says
/// whether some rule also uses the capture as one of its own cases.
/// </summary>
public sealed record CaptureOutcome(string Name, string? Tactic, int Events, long Matches, IReadOnlyList<CaptureRuleAlerts> Alerts, bool IsRuleCase)
{
    /// <summary>At least one alert came out: a match below its rule's threshold does not count.</summary>
    public bool Caught => Alerts.Count > 0;

    /// <summary>Rules matched events of the capture, but no alert reached its threshold.</summary>
    public bool BelowThreshold => !Caught && Matches > 0;

    /// <summary>The rules that raised an alert, by id.</summary>
    public IReadOnlyList<string> RuleIds => [.. Alerts.Select(a => a.RuleId)];
}
