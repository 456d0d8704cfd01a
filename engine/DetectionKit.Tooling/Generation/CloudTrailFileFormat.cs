namespace DetectionKit.Tooling.Generation;

/// <summary>How records are laid out in a file.</summary>
public enum CloudTrailFileFormat
{
    /// <summary>One record per line, as CloudTrail Lake and log shippers export them.</summary>
    JsonLines,

    /// <summary>The S3 delivery shape: one object <c>{"Records":[...]}</c>.</summary>
    Records,
}
