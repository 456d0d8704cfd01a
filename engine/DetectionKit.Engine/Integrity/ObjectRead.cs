namespace DetectionKit.Engine.Integrity;

/// <summary>
/// What fetching one object for verification gave: its content (for a digest, the uncompressed bytes;
/// for a log file, the hash of them) and metadata, or that it is not there, or that its content cannot
/// be read back (not gzip, cut short, too large), or that the fetch itself failed (a reason to say the
/// object was not checked, never that it was changed).
/// </summary>
internal sealed record ObjectRead
{
    public bool NotFound { get; init; }

    public byte[]? Content { get; init; }

    public string? Sha256Hex { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Why the content cannot be read back as CloudTrail delivered it.</summary>
    public string? Unreadable { get; init; }

    /// <summary>Why the object could not be fetched (access denied, the network).</summary>
    public string? Failure { get; init; }
}
