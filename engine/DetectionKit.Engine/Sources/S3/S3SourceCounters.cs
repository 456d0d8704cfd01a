namespace DetectionKit.Engine.Sources.S3;

/// <summary>What an S3 source listed and passed over; read after (or during) a pass for summaries and progress.</summary>
public sealed class S3SourceCounters
{
    private long listings;
    private long logObjects;
    private long digests;
    private long otherObjects;
    private long alreadyProcessed;
    private long outOfRange;
    private long downloaded;
    private long quarantined;

    public long Listings => Interlocked.Read(ref listings);

    /// <summary>Log and Insights objects in range, to be read.</summary>
    public long LogObjects => Interlocked.Read(ref logObjects);

    public long Digests => Interlocked.Read(ref digests);

    /// <summary>Objects that are not CloudTrail log files (wrong name or layout).</summary>
    public long OtherObjects => Interlocked.Read(ref otherObjects);

    public long AlreadyProcessed => Interlocked.Read(ref alreadyProcessed);

    public long OutOfRange => Interlocked.Read(ref outOfRange);

    public long Downloaded => Interlocked.Read(ref downloaded);

    /// <summary>Quarantined objects listed unchanged and passed over.</summary>
    public long Quarantined => Interlocked.Read(ref quarantined);

    internal void Listed() => Interlocked.Increment(ref listings);

    internal void LogObject() => Interlocked.Increment(ref logObjects);

    internal void Digest() => Interlocked.Increment(ref digests);

    internal void Other() => Interlocked.Increment(ref otherObjects);

    internal void Processed() => Interlocked.Increment(ref alreadyProcessed);

    internal void OutsideRange() => Interlocked.Increment(ref outOfRange);

    internal void Download() => Interlocked.Increment(ref downloaded);

    internal void PassedOverQuarantined() => Interlocked.Increment(ref quarantined);
}
