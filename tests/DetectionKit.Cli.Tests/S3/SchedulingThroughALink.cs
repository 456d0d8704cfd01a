namespace DetectionKit.Cli.Tests.S3;

/// <summary>Two schedulers on one state file, the second reaching it through a symbolic link: the second is refused.</summary>
public sealed class SchedulingThroughALink
{
    [Test]
    public async Task ASecondSchedulerWhoseStatePathGoesThroughALinkIsRefusedWithTheStateExitCode()
    {
        using var bucket = await TrailBucket.CreateAsync();
        using var workspace = new ScheduleWorkspace(bucket);
        workspace.AddStopRule();
        workspace.WriteConfig();
        using var first = DetectionKit.Engine.State.SqliteAlertStateStore.Open(workspace.StatePath);
        Directory.CreateSymbolicLink(Path.Combine(workspace.Rules.Root, "linked-state"), Path.GetDirectoryName(workspace.StatePath)!);
        File.WriteAllText(workspace.ConfigPath, File.ReadAllText(workspace.ConfigPath).Replace("state: state/detectionkit.db", "state: linked-state/detectionkit.db", StringComparison.Ordinal));

        var second = workspace.Once();

        Assert.That(second.ExitCode, Is.EqualTo(4), second.ToString);
        Assert.That(second.Error, Does.Contain("error DK6004: the state file ").And.Contain("is in use by another detectionkit process"));
        Assert.That(workspace.DeliveredAlerts(), Is.Empty);
    }
}
