namespace DetectionKit.Scripting.Execution;

/// <summary>
/// The limits of one call into rule code. Zero or negative values mean "no limit" for that measure.
/// <paramref name="Stop"/> ends the call at its next sample once the run is asked to stop.
/// </summary>
internal readonly record struct ScriptLimits(
    long MaxSteps,
    int MaxCallDepth,
    long MaxAllocatedBytes,
    TimeSpan MaxWallClock,
    TimeSpan RegexTimeout,
    CancellationToken Stop = default);
