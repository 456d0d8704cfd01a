namespace DetectionKit.Engine.Integrity;

/// <summary>
/// One CloudTrail digest file as delivered: the hour it covers, where it was delivered, the key that
/// signed it, the previous digest it chains to (all null for the first digest of a chain), and the log
/// files delivered in its hour with their SHA-256. Times are kept as written, since the signature
/// covers <see cref="DigestEndTime"/> as text.
/// </summary>
public sealed record DigestFile
{
    public required string AwsAccountId { get; init; }

    public required string DigestStartTime { get; init; }

    /// <summary>The end of the digest's hour as written in the file (ISO 8601 UTC): the first line of the signing string.</summary>
    public required string DigestEndTime { get; init; }

    public required DateTimeOffset StartsAt { get; init; }

    public required DateTimeOffset EndsAt { get; init; }

    public required string DigestS3Bucket { get; init; }

    public required string DigestS3Object { get; init; }

    /// <summary>The hex MD5 of the signing key's DER bytes, as <c>list-public-keys</c> gives it.</summary>
    public required string DigestPublicKeyFingerprint { get; init; }

    public string? DigestSignatureAlgorithm { get; init; }

    public string? PreviousDigestS3Bucket { get; init; }

    public string? PreviousDigestS3Object { get; init; }

    public string? PreviousDigestHashValue { get; init; }

    public string? PreviousDigestHashAlgorithm { get; init; }

    /// <summary>The previous digest's signature (hex); null for the first digest of a chain, written <c>null</c> in the signing string.</summary>
    public string? PreviousDigestSignature { get; init; }

    public required IReadOnlyList<DigestedLogFile> LogFiles { get; init; }

    /// <summary>Whether the digest names a previous one (a chain that goes on rather than starts).</summary>
    public bool HasPrevious => PreviousDigestS3Object is not null;
}
