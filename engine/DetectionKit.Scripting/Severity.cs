namespace DetectionKit.Scripting;

/// <summary>
/// Alert severity, lowest first. Written in lower case in YAML and output; a rule's <c>Severity</c>
/// function returns a name (in any case: <c>"high"</c>, <c>nameof(Severity.High)</c>), or null to keep
/// the YAML <c>severity</c>.
/// </summary>
public enum Severity
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
