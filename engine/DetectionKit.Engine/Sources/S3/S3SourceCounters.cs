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
    private long mostKeysHeld;
    private long hourlyDays;

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

    /// <summary>The most object keys one listing held at once: bounded by <see cref="S3SourceOptions.MaxListedObjects"/>, or by the busiest hour of a day listed hour by hour.</summary>
    public long MostKeysHeld => Interlocked.Read(ref mostKeysHeld);

    /// <summary>Days that held more keys than one listing may, and were listed an hour at a time.</summary>
    public long DaysListedHourly => Interlocked.Read(ref hourlyDays);

    internal void Held(long keys)
    {
        var seen = Interlocked.Read(ref mostKeysHeld);
        while (keys > seen && Interlocked.CompareExchange(ref mostKeysHeld, keys, seen) != seen)
        {
            seen = Interlocked.Read(ref mostKeysHeld);
        }
    }

    internal void ListedHourly() => Interlocked.Increment(ref hourlyDays);

    internal void Add(long logs, long digestsSeen, long others, long outside, long processed, long quarantinedSeen)
    {
        Interlocked.Add(ref logObjects, logs);
        Interlocked.Add(ref digests, digestsSeen);
        Interlocked.Add(ref otherObjects, others);
        Interlocked.Add(ref outOfRange, outside);
        Interlocked.Add(ref alreadyProcessed, processed);
        Interlocked.Add(ref quarantined, quarantinedSeen);
    }

    internal void Listed() => Interlocked.Increment(ref listings);

    internal void Download() => Interlocked.Increment(ref downloaded);
}
