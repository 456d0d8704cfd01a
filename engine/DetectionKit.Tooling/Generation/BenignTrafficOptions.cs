namespace DetectionKit.Tooling.Generation;

/// <summary>How to generate benign traffic: the seed decides everything, so the same options give the same records.</summary>
public sealed record BenignTrafficOptions
{
    /// <summary>A Monday at midnight UTC: the first hours are quiet, then the working day starts.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2024, 8, 5, 0, 0, 0, TimeSpan.Zero);

    public long Seed { get; init; } = 42;

    /// <summary>The time of the first record.</summary>
    public DateTimeOffset Start { get; init; } = DefaultStart;
}
