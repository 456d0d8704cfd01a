namespace DetectionKit.Engine.Scheduling;

/// <summary>A parsed schedule file: where state lives, where rules are, and the jobs.</summary>
public sealed record ScheduleConfig(string StatePath, string RulesPath, IReadOnlyList<JobConfig> Jobs)
{
    /// <summary>The settings file of the jobs that name none of their own; null for the rules as shipped.</summary>
    public string? SettingsPath { get; init; }

    /// <summary>Where the file names its rules directory (its <c>rules:</c> value, or the top of the file when it relies on the default), for diagnostics.</summary>
    public Diagnostics.SourceLocation? RulesLocation { get; init; }
}
