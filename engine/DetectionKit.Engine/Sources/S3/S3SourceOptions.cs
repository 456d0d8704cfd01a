namespace DetectionKit.Engine.Sources.S3;

/// <summary>What an S3 source reads: the trail bucket and prefix, the time range, and which accounts and regions.</summary>
public sealed record S3SourceOptions
{
    public required S3Uri Location { get; init; }

    /// <summary>Objects delivered at or after this time (by the timestamp in the key).</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>Objects delivered at or before this time.</summary>
    public required DateTimeOffset Until { get; init; }

    /// <summary>Accounts to read; empty means every account found under the prefix.</summary>
    public IReadOnlyList<string> Accounts { get; init; } = [];

    /// <summary>Regions to read; empty means every region found.</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>Objects downloaded at once; also the number of parsed objects held in memory.</summary>
    public int Parallelism { get; init; } = 8;

    /// <summary>Keys already processed (a checkpoint); they are listed but not downloaded again.</summary>
    public Func<string, bool>? IsProcessed { get; init; }
}
