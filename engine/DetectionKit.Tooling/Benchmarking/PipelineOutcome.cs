namespace DetectionKit.Tooling.Benchmarking;

/// <summary>What one pass of the full pipeline did: enough to check it read everything and to count it.</summary>
internal sealed record PipelineOutcome(long Events, long Matches, long Alerts, int Errors, int Parallelism);
