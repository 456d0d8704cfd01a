namespace DetectionKit.Scripting;

/// <summary>Alert severity, lowest first. Written in lower case in YAML and output.</summary>
public enum Severity
{
    Info,
    Low,
    Medium,
    High,
    Critical,
}
