namespace DetectionKit.Engine.Sources;

/// <summary>Why a record read whole is not evaluated (<see cref="RecordCheck"/>).</summary>
/// <param name="Reason">The kind, as the run summary counts it.</param>
/// <param name="Code">The diagnostic code it is reported with.</param>
/// <param name="Message">What is wrong with the record.</param>
public sealed record RecordRejection(RecordRejection.Kind Reason, string Code, string Message)
{
    public enum Kind
    {
        /// <summary>No eventSource, eventName or insightDetails.</summary>
        NotCloudTrail,

        /// <summary>No eventTime (nor @timestamp).</summary>
        Undated,

        /// <summary>An eventTime (or @timestamp) that is not a string, or not an ISO-8601 time.</summary>
        BadEventTime,
    }
}
