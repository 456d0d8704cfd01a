namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary>What became of one Sigma file.</summary>
public enum SigmaOutcome
{
    /// <summary>Converted exactly; its rule files were written (or would be, under <c>--dry-run</c>).</summary>
    Converted,

    /// <summary>Not a CloudTrail rule (its logsource is not aws/cloudtrail): left alone.</summary>
    Skipped,

    /// <summary>Not converted, for the reasons in its diagnostics; nothing was written for it.</summary>
    Failed,
}
