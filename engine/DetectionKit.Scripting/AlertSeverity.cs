namespace DetectionKit.Scripting;

/// <summary>
/// How urgent an alert is, lowest first. Written in lower case in YAML and in alert output
/// (<c>info</c> … <c>critical</c>). A rule's optional <c>Severity</c> function returns one:
/// <c>AlertSeverity Severity(CloudTrailEvent e) =&gt; e.IsRoot ? AlertSeverity.Critical : AlertSeverity.High;</c>
/// (the type is not named <c>Severity</c>, so that it does not collide with that function's name).
/// </summary>
public enum AlertSeverity
{
    /// <summary>Worth recording; no one needs to look.</summary>
    Info,

    /// <summary>Routine for most organisations; review in bulk.</summary>
    Low,

    /// <summary>Unusual; review within a working day.</summary>
    Medium,

    /// <summary>Likely malicious or dangerous; review now.</summary>
    High,

    /// <summary>Compromise or loss of defences in progress; act now.</summary>
    Critical,
}
