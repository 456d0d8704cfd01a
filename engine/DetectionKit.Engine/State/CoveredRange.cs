namespace DetectionKit.Engine.State;

/// <summary>
/// Where a scheduled job's covered range ends: every object delivered before <see cref="Until"/> was
/// read (or quarantined). A run that read everything ends it at the run's end; one whose listing or
/// reads failed for a reason that may pass (an outage, throttling, a timeout) holds it at the first
/// instant it did not cover, and <see cref="HeldBy"/> says what held it, so the next run goes back there.
/// </summary>
/// <param name="Until">The first instant (by delivery time) not known to be covered.</param>
/// <param name="HeldBy">Why the range ends before the run that recorded it ended; null when it does not.</param>
public sealed record CoveredRange(DateTimeOffset Until, string? HeldBy = null)
{
    public bool IsHeld => HeldBy is not null;
}
