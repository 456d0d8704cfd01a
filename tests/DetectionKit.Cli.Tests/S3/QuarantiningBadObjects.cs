using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Scheduling;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.State;
using static DetectionKit.Cli.Tests.S3.SurvivingAnOutage;

namespace DetectionKit.Cli.Tests.S3;

/// <summary>
/// Objects that fail for what they are (corrupt, a gzip bomb) are quarantined: reported on every run,
/// counted as covered, not read again until they are replaced.
/// </summary>
public sealed class QuarantiningBadObjects
{
    [Test]
    public async Task ACorruptObjectAndAGzipBombAreQuarantinedReportedOnEveryRunAndReadAgainOnlyOnceReplaced()
    {
        using var bucket = await TrailBucket.CreateAsync();
        using var workspace = new ScheduleWorkspace(bucket);
        workspace.AddStopRule(dedup: "e.EventId");
        var clock = new ManualClock(At("10:00"));
        var job = Job(bucket, workspace) with { Lookback = TimeSpan.FromHours(2) };
        var rules = RuleSetBuilder.Build(workspace.Rules.Rules).RuleSet;
        using var state = SqliteAlertStateStore.InMemory();
        var runner = new JobRunner(state, TextWriter.Null, clock) { LimitsOf = _ => new ReadLimits { MaxObjectBytes = 1024 * 1024 } };
        await bucket.PutLogAsync(ScheduleWorkspace.Stops(At("08:55"), 2), ScheduleWorkspace.Account, "us-east-1", At("09:00"));
        var corrupt = await bucket.PutBytesAsync([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xff, 0xff, 0xff, 0x00, 0x42, 0x42, 0x42, 0x42], At("09:10"));
        var bomb = await bucket.PutBytesAsync(TrailBucket.Gzip("{\"Records\":[" + new string(' ', 4 * 1024 * 1024) + "]}"), At("09:20"));

        var first = await runner.RunAsync(job, rules);
        await bucket.PutLogAsync(ScheduleWorkspace.Stops(At("10:05"), 2), ScheduleWorkspace.Account, "us-east-1", At("10:10"));
        clock.Now = At("10:30");
        var second = await runner.RunAsync(job, rules);
        var fixedRecords = ScheduleWorkspace.Stops(At("09:05"), 3);
        await bucket.PutBytesAsync(TrailBucket.Delivered(fixedRecords), At("09:10"), key: corrupt);
        clock.Now = At("10:45");
        var third = await runner.RunAsync(job, rules);

        Assert.That((first.Objects.Downloaded, first.Run.Matches), Is.EqualTo((3L, 2L)));
        Assert.That(Unreadable(first), Is.EquivalentTo(new[] { Path(bucket, corrupt), Path(bucket, bomb) }));
        Assert.That(first.Covered, Is.EqualTo(new CoveredRange(At("10:00"))), "quarantined objects never hold the range back");
        Assert.That(first.Quarantined.Select(q => (q.Key, q.FirstSeen)), Is.EquivalentTo(new[] { (corrupt, At("10:00")), (bomb, At("10:00")) }));
        Assert.That(first.Quarantined.Single(q => q.Key == bomb).Reason, Does.Contain("expands past 1 MiB"));
        Assert.That(Reported(first), Is.EquivalentTo(new[] { Path(bucket, corrupt), Path(bucket, bomb) }));

        Assert.That((second.Objects.Downloaded, second.Objects.Quarantined, second.Objects.AlreadyProcessed), Is.EqualTo((1L, 2L, 1L)), "unchanged, they are not read again");
        Assert.That(Unreadable(second), Is.Empty);
        Assert.That(Reported(second), Is.EquivalentTo(new[] { Path(bucket, corrupt), Path(bucket, bomb) }));
        var bombReport = second.AllProblems.Single(p => p.Code == DiagnosticCodes.ObjectQuarantined && p.Location.Path == Path(bucket, bomb));
        Assert.That(bombReport.IsError, Is.False);
        Assert.That(bombReport.Message, Does.Contain("quarantined since 2024-08-01 10:00:00Z (last seen 2024-08-01 10:30:00Z)").And.Contain("expands past 1 MiB").And.Contain("new ETag"));
        Assert.That(second.Covered, Is.EqualTo(new CoveredRange(At("10:30"))));

        Assert.That((third.Objects.Downloaded, third.Objects.Quarantined, third.Run.Matches), Is.EqualTo((1L, 1L, 3L)), "replaced, the object is read again");
        Assert.That(Reported(third), Is.EqualTo(new[] { Path(bucket, bomb) }));
        Assert.That(state.Quarantined(job.CheckpointScope).Select(q => q.Key), Is.EqualTo(new[] { bomb }));
        var alerted = AlertedEventIds(workspace).ToList();
        Assert.That(alerted, Has.Count.EqualTo(7).And.Member(fixedRecords[0]!["eventID"]!.GetValue<string>()));
        Assert.That(alerted, Is.Unique);
    }

    private static string Path(TrailBucket bucket, string key) => $"s3://{bucket.Name}/{key}";

    private static IEnumerable<string> Unreadable(JobResult result) =>
        result.AllProblems.Where(p => p.Code == DiagnosticCodes.InputUnreadable).Select(p => p.Location.Path);

    private static IEnumerable<string> Reported(JobResult result) =>
        result.AllProblems.Where(p => p.Code == DiagnosticCodes.ObjectQuarantined).Select(p => p.Location.Path);
}
