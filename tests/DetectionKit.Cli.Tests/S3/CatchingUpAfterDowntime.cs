using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Scheduling;
using DetectionKit.Engine.Sources.S3;
using DetectionKit.Engine.State;

namespace DetectionKit.Cli.Tests.S3;

/// <summary>A scheduler that was down longer than its lookback reads what was delivered meanwhile.</summary>
public sealed class CatchingUpAfterDowntime
{
    [Test]
    public async Task AJobReachesBackToWhereItsLastCompletedRunEnded()
    {
        using var bucket = await TrailBucket.CreateAsync();
        using var workspace = new ScheduleWorkspace(bucket);
        workspace.AddStopRule(dedup: "e.EventId");
        var clock = new ManualClock(DateTimeOffset.Parse("2024-08-01T08:00:00Z"));
        var job = new JobConfig
        {
            Name = "job",
            Source = new S3Uri(bucket.Name, string.Empty),
            Cron = Cronos.CronExpression.Parse("*/15 * * * *"),
            Lookback = TimeSpan.FromHours(1),
            Outputs = [new OutputConfig { Type = "jsonl", Name = "alerts", Path = workspace.AlertsPath }],
        };
        var rules = RuleSetBuilder.Build(workspace.Rules.Rules).RuleSet;
        using var state = SqliteAlertStateStore.InMemory();
        var runner = new JobRunner(state, TextWriter.Null, clock);
        await runner.RunAsync(job, rules);

        // Five hours down; meanwhile an object arrived at 09:30, far outside a one-hour lookback from 13:00.
        await bucket.PutLogAsync(ScheduleWorkspace.Stops(DateTimeOffset.Parse("2024-08-01T09:20:00Z"), 1), ScheduleWorkspace.Account, "us-east-1", DateTimeOffset.Parse("2024-08-01T09:30:00Z"));
        clock.Now = DateTimeOffset.Parse("2024-08-01T13:00:00Z");
        var result = await runner.RunAsync(job, rules);

        Assert.That(result.Since, Is.EqualTo(DateTimeOffset.Parse("2024-08-01T07:00:00Z")));
        Assert.That(result.Objects.Downloaded, Is.EqualTo(1));
        Assert.That(workspace.DeliveredAlerts(), Has.Count.EqualTo(1));
    }
}
