namespace DetectionKit.Engine.Sources;

/// <summary>
/// How much one input may make the engine hold or read. Records are read one at a time, so memory is
/// bounded by <see cref="MaxRecordBytes"/> (plus one read buffer), whatever the size of the object;
/// <see cref="MaxObjectBytes"/> stops an object that expands without end (a gzip bomb).
/// </summary>
public sealed record ReadLimits
{
    /// <summary>8 GiB: well above any object CloudTrail delivers (it starts a new object every few minutes).</summary>
    public const long DefaultMaxObjectBytes = 8L * 1024 * 1024 * 1024;

    /// <summary>16 MiB: CloudTrail's own limit on an event is 256 KB.</summary>
    public const int DefaultMaxRecordBytes = 16 * 1024 * 1024;

    public static ReadLimits Default { get; } = new();

    /// <summary>Most decompressed bytes read from one object (file, S3 object, stdin); the rest is not read and the object is reported.</summary>
    public long MaxObjectBytes { get; init; } = DefaultMaxObjectBytes;

    /// <summary>Largest record (or other JSON value) held to be parsed; a larger one is reported and skipped without being loaded.</summary>
    public int MaxRecordBytes { get; init; } = DefaultMaxRecordBytes;
}
