namespace DetectionKit.Tooling.Benchmarking;

/// <summary>
/// One measurement of the table. Only what was measured is set; rates and per-event figures are
/// derived here so that every renderer shows the same numbers.
/// </summary>
/// <param name="Phase">The part of the run it belongs to.</param>
/// <param name="Name">What was measured, as the table shows it.</param>
public sealed record BenchRow(BenchPhase Phase, string Name)
{
    /// <summary>The table's MB: MiB, as the JSON sizes and memory figures are powers of two.</summary>
    public const long Megabyte = 1024 * 1024;

    public long? Events { get; init; }

    /// <summary>Decompressed JSON bytes read.</summary>
    public long? JsonBytes { get; init; }

    public TimeSpan? Elapsed { get; init; }

    /// <summary>Bytes allocated on the managed heap during the measurement, by every thread.</summary>
    public long? AllocatedBytes { get; init; }

    /// <summary>The resident-set high-water mark reached during the measurement.</summary>
    public long? PeakBytes { get; init; }

    /// <summary>full ÷ floor, all cores ÷ one core: the figure the target is about.</summary>
    public double? Ratio { get; init; }

    public BenchTarget? Target { get; init; }

    /// <summary>What a reader needs to judge the figure: what was left out, what it ran on.</summary>
    public string? Note { get; init; }

    public double? EventsPerSecond => Events is { } events && Seconds is { } seconds ? events / seconds : null;

    public double? MegabytesPerSecond => JsonBytes is { } bytes && Seconds is { } seconds ? bytes / (double)Megabyte / seconds : null;

    public double? AllocatedBytesPerEvent => AllocatedBytes is { } bytes && Events is > 0 ? bytes / (double)Events.Value : null;

    private double? Seconds => Elapsed is { } elapsed && elapsed > TimeSpan.Zero ? elapsed.TotalSeconds : null;
}
