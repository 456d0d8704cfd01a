namespace DetectionKit.Scripting;

/// <summary>
/// How urgent an alert is, lowest first. Written in lower case in YAML and in alert output
/// (<c>info</c> … <c>critical</c>). A rule's optional <c>Severity</c> function returns one, or null to
/// keep the YAML <c>severity</c>: <c>AlertSeverity Severity(CloudTrailEvent e) =&gt; e.IsRoot ? AlertSeverity.Critical : AlertSeverity.High;</c>
/// (the type is not called <c>Severity</c>, so that it does not collide with that function's name).
/// </summary>
public enum AlertSeverity
{
    /// <summary><c>info</c>: context for an investigation, not a finding on its own.</summary>
    Info,

    /// <summary><c>low</c>: often routine; for a person to judge when time allows.</summary>
    Low,

    /// <summary><c>medium</c>: may be routine; for a person to judge.</summary>
    Medium,

    /// <summary><c>high</c>: not expected from routine activity (the shipped rules' benign-traffic test fails on any high alert).</summary>
    High,

    /// <summary><c>critical</c>: as <see cref="High"/>, and urgent.</summary>
    Critical,
}
