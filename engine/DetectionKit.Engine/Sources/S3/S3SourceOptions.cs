namespace DetectionKit.Engine.Sources.S3;

/// <summary>
/// What an S3 source reads: the trail bucket and prefix, the time range, and which accounts and regions.
/// The range is half-open, [<see cref="Since"/>, <see cref="Until"/>), so consecutive windows that share
/// a boundary read an object stamped at it once.
/// </summary>
public sealed record S3SourceOptions
{
    public required S3Uri Location { get; init; }

    /// <summary>Objects delivered at or after this time (by the timestamp in the key).</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>Objects delivered before this time (not at it).</summary>
    public required DateTimeOffset Until { get; init; }

    /// <summary>Accounts to read; empty means every account found under the prefix.</summary>
    public IReadOnlyList<string> Accounts { get; init; } = [];

    /// <summary>Regions to read; empty means every region found.</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>Objects downloaded at once; also the number of parsed objects held in memory.</summary>
    public int Parallelism { get; init; } = 8;

    /// <summary>20,000: a day of a few dozen busy region folders; held, the keys take a few megabytes.</summary>
    public const int DefaultMaxListedObjects = 20_000;

    /// <summary>
    /// Most object keys one listing may hold. A day whose folders hold more (an organisation trail of
    /// many accounts) is listed again an hour at a time, so memory is bounded by the busiest hour, not
    /// by the size of the organisation's day.
    /// </summary>
    public int MaxListedObjects { get; init; } = DefaultMaxListedObjects;

    /// <summary>How much one object may make the engine read and hold.</summary>
    public ReadLimits Limits { get; init; } = ReadLimits.Default;

    /// <summary>
    /// The keys already processed under a day prefix (a checkpoint); they are listed but not
    /// downloaded again. Asked once per listed prefix that holds objects in range.
    /// </summary>
    public Func<string, IReadOnlySet<string>>? ProcessedUnder { get; init; }

    /// <summary>
    /// The keys quarantined under a day prefix, with the ETag each had when it was quarantined: listed
    /// with that ETag, an object is passed over (it would fail again); with another, it was replaced and
    /// is read. Asked once per listed prefix that holds objects in range.
    /// </summary>
    public Func<string, IReadOnlyDictionary<string, string>>? QuarantinedUnder { get; init; }

    internal bool Contains(DateTimeOffset deliveredAt) => deliveredAt >= Since && deliveredAt < Until;

    /// <summary>The hours of a UTC day that can hold objects in range.</summary>
    internal IEnumerable<DateTime> Hours(DateTime day)
    {
        for (var hour = day; hour < day.AddDays(1); hour = hour.AddHours(1))
        {
            if (hour < Until.UtcDateTime && hour.AddHours(1) > Since.UtcDateTime)
            {
                yield return hour;
            }
        }
    }

    /// <summary>The UTC days whose folders can hold objects in range; none when the range is empty.</summary>
    internal IEnumerable<DateTime> Days()
    {
        if (Until <= Since)
        {
            yield break;
        }

        var last = (Until - TimeSpan.FromTicks(1)).UtcDateTime.Date;
        for (var day = Since.UtcDateTime.Date; day <= last; day = day.AddDays(1))
        {
            yield return day;
        }
    }
}
