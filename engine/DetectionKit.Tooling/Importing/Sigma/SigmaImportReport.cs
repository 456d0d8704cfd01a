namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary>What an import did with each Sigma file, in path order.</summary>
public sealed record SigmaImportReport(IReadOnlyList<SigmaConversion> Files)
{
    public int Converted => Files.Count(f => f.Outcome == SigmaOutcome.Converted);

    public int Skipped => Files.Count(f => f.Outcome == SigmaOutcome.Skipped);

    public int Failed => Files.Count(f => f.Outcome == SigmaOutcome.Failed);

    /// <summary><c>converted N, skipped N (not cloudtrail), failed N</c>.</summary>
    public string Summary => $"converted {Converted}, skipped {Skipped} (not cloudtrail), failed {Failed}";
}
