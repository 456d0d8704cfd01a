using DetectionKit.Cli.Tests.Support;

namespace DetectionKit.Cli.Tests.S3;

/// <summary>What <c>schedule</c> tells the operator about quarantined objects and a covered range held back.</summary>
public sealed class ReportingCoverageAndQuarantine
{
    [Test]
    public async Task AQuarantinedObjectIsReportedOnEveryRunAndListedByQuarantined()
    {
        using var bucket = await TrailBucket.CreateAsync();
        using var workspace = new ScheduleWorkspace(bucket);
        workspace.AddStopRule(dedup: "e.EventId");
        workspace.WriteConfig();
        var now = DateTimeOffset.UtcNow;
        await bucket.PutLogAsync(ScheduleWorkspace.Stops(now.AddMinutes(-30), 1), ScheduleWorkspace.Account, "us-east-1", now.AddMinutes(-25));
        var corrupt = await bucket.PutBytesAsync([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xff, 0xff, 0xff, 0x00, 0x42], now.AddMinutes(-20));

        var first = workspace.Once();
        var second = workspace.Once();
        var listed = Shell.Run("schedule", "--config", workspace.ConfigPath, "--quarantined");

        Assert.That(first.ExitCode, Is.EqualTo(1), first.ToString);
        Assert.That(first.Error, Does.Contain($"s3://{bucket.Name}/{corrupt}: error DK4001").And.Contain("warning DK4004").And.Contain("quarantined 1 object(s)"));
        Assert.That(second.ExitCode, Is.EqualTo(0), "a known quarantined object is a warning, not a new failure: " + second);
        Assert.That(second.Error, Does.Contain($"s3://{bucket.Name}/{corrupt}: warning DK4004: quarantined since").And.Contain("objects read 0, already processed 1").And.Not.Contain("DK4001"));
        Assert.That(listed.ExitCode, Is.EqualTo(0), listed.ToString);
        Assert.That(listed.Out, Does.Contain("job org-trail: 1 quarantined").And.Contain($"s3://{bucket.Name}/{corrupt} (ETag "));
        Assert.That(workspace.DeliveredAlerts(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ARunThatCannotReachTheBucketSaysWhereItHoldsTheRangeAndTheNextSaysHowFarBackItReaches()
    {
        using var bucket = await TrailBucket.CreateAsync();
        using var workspace = new ScheduleWorkspace(bucket);
        workspace.AddStopRule(dedup: "e.EventId");
        var now = DateTimeOffset.UtcNow;
        await bucket.PutLogAsync(ScheduleWorkspace.Stops(now.AddMinutes(-30), 1), ScheduleWorkspace.Account, "us-east-1", now.AddMinutes(-25));
        workspace.WriteConfig(extraSource: "      endpointUrl: http://127.0.0.1:1");

        var down = workspace.Once();
        workspace.WriteConfig();
        var back = workspace.Once();

        Assert.That(down.ExitCode, Is.EqualTo(1), down.ToString);
        Assert.That(down.Error, Does.Contain("org-trail: warning DK4005: the covered range is held at").And.Contain("cannot list the bucket").And.Contain("covered to"));
        Assert.That(back.ExitCode, Is.EqualTo(0), back.ToString);
        Assert.That(back.Error, Does.Contain("catching up: reached back to").And.Contain("objects read 1"));
        Assert.That(workspace.DeliveredAlerts(), Has.Count.EqualTo(1));
    }
}
