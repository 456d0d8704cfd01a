namespace DetectionKit.Engine.Integrity;

/// <summary>What one verification looked at and how it came out, for the summary line.</summary>
public sealed record IntegrityCounts
{
    /// <summary>Digest files in the range (backfill digests among them).</summary>
    public int Digests { get; init; }

    /// <summary>Digest files whose signature verified with a known key.</summary>
    public int DigestsVerified { get; init; }

    public int BackfillDigests { get; init; }

    public int Unsigned { get; init; }

    public int BadSignatures { get; init; }

    public int UnknownKeys { get; init; }

    public int UnreadableDigests { get; init; }

    /// <summary>Log files the digests list.</summary>
    public int LogFilesListed { get; init; }

    /// <summary>Log files whose hash matched the one a verified digest lists.</summary>
    public int LogFilesVerified { get; init; }

    public int Missing { get; init; }

    public int Changed { get; init; }

    public int Added { get; init; }

    /// <summary>Breaks in the chains: a previous digest missing or not matching, a chain that starts again, a gap in time.</summary>
    public int ChainGaps { get; init; }

    /// <summary>Log files in the range that no digest covers (their hours have no digest).</summary>
    public int NotCovered { get; init; }

    /// <summary>Log files newer than the last digest, delivered recently enough that their digest may still come: not a problem.</summary>
    public int NotYetDigested { get; init; }

    public int Unchecked { get; init; }
}
