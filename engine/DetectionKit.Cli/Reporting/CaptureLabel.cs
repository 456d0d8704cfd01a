using DetectionKit.Tooling.Coverage;

namespace DetectionKit.Cli.Reporting;

/// <summary>
/// How every renderer qualifies the capture figure: it is a replay of captures, and the rules were
/// written against those captures when they are also the rules' own cases.
/// </summary>
internal static class CaptureLabel
{
    public static string Of(CaptureCoverage captures) =>
        captures.RuleCases == 0 ? "replay of the captures, none of which is a rule's own case"
        : captures.RuleCases == captures.Captures.Count ? "replay of the bundled captures, which the rules also use as cases"
        : $"replay of the bundled captures, {captures.RuleCases} of which the rules also use as cases";

    /// <summary><c>1 alert</c>, <c>2 alerts</c>.</summary>
    public static string AlertCount(CaptureRuleAlerts alerts) =>
        $"{alerts.Alerts} alert{(alerts.Alerts == 1 ? string.Empty : "s")}";
}
