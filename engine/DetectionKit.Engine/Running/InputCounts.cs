using DetectionKit.Engine.Sources;

namespace DetectionKit.Engine.Running;

/// <summary>
/// Inputs and records of a pass that were not (all) evaluated, by kind: each is also reported as a
/// problem with its file or object and record, up to a number per object; these count them all.
/// </summary>
public sealed record InputCounts
{
    public static InputCounts None { get; } = new();

    /// <summary>Records with no eventSource, eventName or insightDetails (DK4006).</summary>
    public long NotCloudTrail { get; init; }

    /// <summary>CloudTrail records with no eventTime nor @timestamp (DK4007).</summary>
    public long Undated { get; init; }

    /// <summary>CloudTrail records whose eventTime is not a string or not an ISO-8601 time (DK4008).</summary>
    public long BadEventTime { get; init; }

    /// <summary>Files and objects that held no record (DK4009).</summary>
    public int Empty { get; init; }

    /// <summary>Files and objects (and S3 listings) that could not be read, or not to their end (DK4001).</summary>
    public int Unreadable { get; init; }

    /// <summary>Records read but not evaluated.</summary>
    public long NotEvaluated => NotCloudTrail + Undated + BadEventTime;

    /// <summary>What <c>--strict</c> fails a run for beyond its errors: records not evaluated and empty inputs.</summary>
    public long StrictFailures => NotEvaluated + Empty;

    public long Of(RecordRejection.Kind kind) => kind switch
    {
        RecordRejection.Kind.NotCloudTrail => NotCloudTrail,
        RecordRejection.Kind.Undated => Undated,
        _ => BadEventTime,
    };

    public InputCounts Add(InputCounts other) => new()
    {
        NotCloudTrail = NotCloudTrail + other.NotCloudTrail,
        Undated = Undated + other.Undated,
        BadEventTime = BadEventTime + other.BadEventTime,
        Empty = Empty + other.Empty,
        Unreadable = Unreadable + other.Unreadable,
    };
}
