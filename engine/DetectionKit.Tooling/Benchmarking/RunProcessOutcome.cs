namespace DetectionKit.Tooling.Benchmarking;

/// <summary>What a separate <c>run</c> process reported, how long it took and its peak resident set.</summary>
internal sealed record RunProcessOutcome(long Events, long Matches, long Alerts, int Errors, TimeSpan Elapsed, long PeakBytes)
{
    public PipelineOutcome Pipeline => new(Events, Matches, Alerts, Errors, Environment.ProcessorCount);
}
