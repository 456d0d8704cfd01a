namespace DetectionKit.Tooling.Benchmarking;

/// <summary>What a measured piece of work returned, how long it took and what it allocated.</summary>
internal readonly record struct Measured<T>(T Value, TimeSpan Elapsed, long AllocatedBytes);
