using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;

namespace DetectionKit.Tooling.Benign;

/// <summary>
/// What the rules made of generated benign traffic: the alerts after dedup and thresholds, the
/// detections per severity, and the rule functions that threw. It fails on any high or critical alert
/// and on any error: routine traffic is no reason to page anyone, nor to crash a rule.
/// </summary>
public sealed record BenignTrafficResult(
    int Rules,
    int Events,
    long Seed,
    IReadOnlyList<BenignAlert> Alerts,
    IReadOnlyDictionary<AlertSeverity, int> DetectionsBySeverity,
    IReadOnlyList<RuleError> Errors,
    TimeSpan Elapsed)
{
    /// <summary>The severity from which an alert on benign traffic fails the check.</summary>
    public const AlertSeverity FailsFrom = AlertSeverity.High;

    public int Detections => DetectionsBySeverity.Values.Sum();

    /// <summary>The high and critical alerts: each one fails the check.</summary>
    public IReadOnlyList<BenignAlert> Serious => [.. Alerts.Where(a => a.Severity >= FailsFrom)];

    /// <summary>One diagnostic per rule that raised a high or critical alert, then one per distinct error (the first event it happened on, and how many in all).</summary>
    public IReadOnlyList<Diagnostic> Problems =>
    [
        .. Serious.GroupBy(a => a.RuleId, StringComparer.Ordinal).Select(g => Diagnostic.Error(
            DiagnosticCodes.BenignTrafficAlert,
            g.First().RuleLocation,
            $"rule '{g.Key}' raised {g.Count()} {g.Max(a => a.Severity).ToName()} alert{(g.Count() == 1 ? string.Empty : "s")} on benign traffic ({Events:N0} generated records, seed {Seed}), e.g. \"{g.First().Title}\" on {g.First().Sample.ToJsonString()}; make the rule tell this routine form from an attack, or lower its severity for it",
            g.Key)),
        .. Errors.GroupBy(e => e with { EventId = null }).Select(g => g.Count() == 1
            ? g.First().ToDiagnostic()
            : g.First().ToDiagnostic() with { Message = $"{g.First().ToDiagnostic().Message} (and on {g.Count() - 1:N0} more benign records)" }),
    ];

    public bool Succeeded => Serious.Count == 0 && Errors.Count == 0;
}
