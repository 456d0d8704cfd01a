namespace DetectionKit.Engine.Integrity;

/// <summary>What a verification of a trail location found: every problem, and the counts. Rendering is the caller's.</summary>
public sealed record IntegrityReport(string Location, DateTimeOffset Since, DateTimeOffset Until, IReadOnlyList<IntegrityFinding> Findings, IntegrityCounts Counts)
{
    /// <summary>Everything verified: no finding at all.</summary>
    public bool Passed => Findings.Count == 0;
}
