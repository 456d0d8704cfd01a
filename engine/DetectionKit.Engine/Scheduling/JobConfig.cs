using Cronos;
using DetectionKit.Engine.Sources.S3;

namespace DetectionKit.Engine.Scheduling;

/// <summary>One scheduled job: which rules, which bucket, when, how far back, and where alerts go.</summary>
public sealed record JobConfig
{
    public required string Name { get; init; }

    public IReadOnlyList<string> Packs { get; init; } = [];

    /// <summary>Where the schedule file names the packs, for diagnostics about them.</summary>
    public Diagnostics.SourceLocation? PacksLocation { get; init; }

    public required S3Uri Source { get; init; }

    public IReadOnlyList<string> Accounts { get; init; } = [];

    public IReadOnlyList<string> Regions { get; init; } = [];

    public string? EndpointUrl { get; init; }

    public int Parallelism { get; init; } = 8;

    public required CronExpression Cron { get; init; }

    public TimeSpan Lookback { get; init; } = TimeSpan.FromHours(2);

    public required IReadOnlyList<OutputConfig> Outputs { get; init; }

    /// <summary>The settings file the job runs its rules with: its own, else the schedule's; null for the rules as shipped.</summary>
    public string? SettingsPath { get; init; }

    /// <summary>The job's dead-letter file (JSON Lines): each record, value or object it could not read or did not evaluate, with the reason; none when null.</summary>
    public string? DeadLetterPath { get; init; }

    /// <summary>The checkpoint scope: processed keys are remembered per job and source.</summary>
    public string CheckpointScope => $"{Name}|{Source}";
}
