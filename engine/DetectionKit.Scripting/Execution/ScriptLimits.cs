namespace DetectionKit.Scripting.Execution;

/// <summary>The limits of one call into rule code. Zero or negative values mean "no limit" for that measure.</summary>
internal readonly record struct ScriptLimits(
    long MaxSteps,
    int MaxCallDepth,
    long MaxAllocatedBytes,
    TimeSpan MaxWallClock,
    TimeSpan RegexTimeout);
