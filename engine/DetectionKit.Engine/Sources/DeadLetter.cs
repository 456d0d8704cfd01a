using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Sources;

/// <summary>
/// A record, value or whole input that could not be read or was not evaluated, with the reason: one
/// entry of a dead-letter file.
/// </summary>
/// <param name="Location">The file or object (a path, an S3 URI, <c>&lt;stdin&gt;</c>), with the line and column where known.</param>
/// <param name="Code">The diagnostic code the problem is reported with.</param>
/// <param name="Reason">What is wrong, as the diagnostic says it.</param>
public sealed record DeadLetter(SourceLocation Location, string Code, string Reason)
{
    /// <summary>The record's index among the records read from its input (from 0); null for what is not a record read whole.</summary>
    public long? RecordIndex { get; init; }

    /// <summary>The record's JSON text as it was read; null when it is not a record read whole. The file bounds what it writes of it.</summary>
    public string? Raw { get; init; }
}
