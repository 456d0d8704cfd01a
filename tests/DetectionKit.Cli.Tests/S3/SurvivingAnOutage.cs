using Amazon.S3;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Scheduling;
using DetectionKit.Engine.Sources.S3;
using DetectionKit.Engine.State;

namespace DetectionKit.Cli.Tests.S3;

/// <summary>
/// A run that could not read everything (the bucket unreachable, one object failing to download)
/// holds the job's covered range where it stopped, and a later run reads what was missed, once.
/// </summary>
public sealed class SurvivingAnOutage
{
    private const string Unreachable = "http://127.0.0.1:1";

    [Test]
    public async Task EveryObjectDeliveredWhileTheBucketWasUnreachableLongerThanTheLookbackGivesItsAlertsOnce()
    {
        using var bucket = await TrailBucket.CreateAsync();
        using var workspace = new ScheduleWorkspace(bucket);
        workspace.AddStopRule(dedup: "e.EventId");
        var clock = new ManualClock(At("08:00"));
        var job = Job(bucket, workspace);
        var rules = RuleSetBuilder.Build(workspace.Rules.Rules).RuleSet;
        using var state = SqliteAlertStateStore.InMemory();
        var runner = new JobRunner(state, TextWriter.Null, clock);
        var delivered = new List<string>();
        await Deliver(bucket, At("07:30"), delivered);
        var before = await runner.RunAsync(job, rules);

        // Four hours of outage, hourly runs that cannot reach the bucket, while CloudTrail goes on delivering.
        var down = job with { EndpointUrl = Unreachable };
        var held = new List<JobResult>();
        foreach (var (delivery, run) in new[] { ("08:40", "09:00"), ("09:40", "10:00"), ("10:40", "11:00"), ("11:40", "12:00") })
        {
            await Deliver(bucket, At(delivery), delivered);
            clock.Now = At(run);
            held.Add(await runner.RunAsync(down, rules));
        }

        await Deliver(bucket, At("12:40"), delivered);
        clock.Now = At("13:00");
        var back = await runner.RunAsync(job, rules);
        await Deliver(bucket, At("13:05"), delivered);
        clock.Now = At("13:15");
        var after = await runner.RunAsync(job, rules);

        Assert.That(before.Covered, Is.EqualTo(new CoveredRange(At("08:00"))));
        foreach (var result in held)
        {
            Assert.That(result.Since, Is.EqualTo(At("07:00")), "each run during the outage reaches back to where the range was held");
            Assert.That(result.AllProblems.Select(p => p.Code), Does.Contain(DiagnosticCodes.InputUnreadable));
            var hold = result.AllProblems.Single(p => p.Code == DiagnosticCodes.CoveredRangeHeld);
            Assert.That(hold.IsError, Is.False);
            Assert.That(hold.Message, Does.Contain("held at 2024-08-01 08:00:00Z").And.Contain("cannot list the bucket").And.Contain("reaches back to 2024-08-01 07:00:00Z"));
            Assert.That(result.Covered!.Until, Is.EqualTo(At("08:00")));
            Assert.That(result.Covered.IsHeld, Is.True);
        }

        Assert.That(back.Since, Is.EqualTo(At("07:00")), "the run after the outage reaches back to the held instant, minus the lookback");
        Assert.That(back.CatchingUpFrom?.Until, Is.EqualTo(At("08:00")));
        Assert.That((back.Objects.Downloaded, back.Objects.AlreadyProcessed), Is.EqualTo((5L, 1L)));
        Assert.That(back.AllProblems, Is.Empty);
        Assert.That(back.Covered, Is.EqualTo(new CoveredRange(At("13:00"))));
        Assert.That(after.Since, Is.EqualTo(At("12:00")), "a lookback before the covered range's end");
        Assert.That(after.CatchingUpFrom, Is.Null);
        Assert.That((after.Objects.Downloaded, after.Objects.AlreadyProcessed), Is.EqualTo((1L, 1L)));
        Assert.That(AlertedEventIds(workspace), Is.EqualTo(delivered.Order()), "every event alerted on exactly once");
    }

    [Test]
    public async Task AnObjectThatCannotBeDownloadedHoldsTheRangeAtItsTimeWhileTheOthersAreCommittedAndNotReadTwice()
    {
        using var bucket = await TrailBucket.CreateAsync();
        using var workspace = new ScheduleWorkspace(bucket);
        workspace.AddStopRule(dedup: "e.EventId");
        var clock = new ManualClock(At("10:00"));
        var job = Job(bucket, workspace);
        var rules = RuleSetBuilder.Build(workspace.Rules.Rules).RuleSet;
        using var state = SqliteAlertStateStore.InMemory();
        var runner = new JobRunner(state, TextWriter.Null, clock);
        var delivered = new List<string>();
        await Deliver(bucket, At("09:00"), delivered);

        // An archived object: S3 refuses to download it (InvalidObjectState) until it is restored.
        var records = ScheduleWorkspace.Stops(At("09:05"), 2);
        delivered.AddRange(records.Select(r => r!["eventID"]!.GetValue<string>()));
        var archived = await bucket.PutBytesAsync(TrailBucket.Delivered(records), At("09:10"), storageClass: S3StorageClass.Glacier);
        await Deliver(bucket, At("09:20"), delivered);

        var first = await runner.RunAsync(job, rules);
        clock.Now = At("12:00");
        var second = await runner.RunAsync(job, rules);
        await bucket.RestoreAsync(archived);
        clock.Now = At("13:00");
        var third = await runner.RunAsync(job, rules);

        Assert.That((first.Objects.Downloaded, first.Run.Matches), Is.EqualTo((2L, 4L)));
        var unread = first.AllProblems.Single(p => p.Code == DiagnosticCodes.InputUnreadable);
        Assert.That(unread.Location.Path, Is.EqualTo($"s3://{bucket.Name}/{archived}"));
        Assert.That(first.Covered, Is.EqualTo(new CoveredRange(At("09:10"), $"s3://{bucket.Name}/{archived}: {unread.Message}")));
        Assert.That(first.AllProblems.Single(p => p.Code == DiagnosticCodes.CoveredRangeHeld).Message, Does.Contain("held at 2024-08-01 09:10:00Z").And.Contain(archived));

        Assert.That(second.Since, Is.EqualTo(At("08:10")), "a lookback before the held instant, not before now");
        Assert.That((second.Objects.Downloaded, second.Objects.AlreadyProcessed), Is.EqualTo((0L, 2L)));
        Assert.That(second.Covered!.Until, Is.EqualTo(At("09:10")));

        Assert.That(third.Since, Is.EqualTo(At("08:10")));
        Assert.That((third.Objects.Downloaded, third.Objects.AlreadyProcessed, third.Run.Matches), Is.EqualTo((1L, 2L, 2L)));
        Assert.That(third.Covered, Is.EqualTo(new CoveredRange(At("13:00"))));
        Assert.That(AlertedEventIds(workspace), Is.EqualTo(delivered.Order()));
    }

    internal static DateTimeOffset At(string time) => DateTimeOffset.Parse($"2024-08-01T{time}:00Z");

    internal static JobConfig Job(TrailBucket bucket, ScheduleWorkspace workspace) => new()
    {
        Name = "job",
        Source = new S3Uri(bucket.Name, string.Empty),
        Cron = Cronos.CronExpression.Parse("0 * * * *"),
        Lookback = TimeSpan.FromHours(1),
        Parallelism = 2,
        Outputs = [new OutputConfig { Type = "jsonl", Name = "alerts", Path = workspace.AlertsPath }],
    };

    /// <summary>Every event id of every alert delivered, sorted; an event alerted on twice appears twice.</summary>
    internal static IEnumerable<string> AlertedEventIds(ScheduleWorkspace workspace) =>
        workspace.DeliveredAlerts().SelectMany(a => a["eventIds"]!.AsArray().Select(id => id!.GetValue<string>())).Order();

    /// <summary>A log object of two StopLogging events delivered at <paramref name="at"/>; their ids join <paramref name="delivered"/>.</summary>
    private static async Task Deliver(TrailBucket bucket, DateTimeOffset at, List<string> delivered)
    {
        var records = ScheduleWorkspace.Stops(at.AddMinutes(-5), 2);
        delivered.AddRange(records.Select(r => r!["eventID"]!.GetValue<string>()));
        await bucket.PutLogAsync(records, ScheduleWorkspace.Account, "us-east-1", at);
    }
}
