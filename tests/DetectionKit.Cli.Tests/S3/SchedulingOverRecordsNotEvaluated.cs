using System.Text.Json.Nodes;
using DetectionKit.Cli.Tests.Support;

namespace DetectionKit.Cli.Tests.S3;

/// <summary>A scheduled job over objects it cannot evaluate whole: counted on its line, kept in its dead-letter file, failed by <c>--strict</c>.</summary>
public sealed class SchedulingOverRecordsNotEvaluated
{
    [Test]
    public async Task AJobCountsUndatedRecordsAndEmptyObjectsKeepsThemInItsDeadLetterFileAndStrictFailsOnThem()
    {
        using var bucket = await TrailBucket.CreateAsync();
        using var workspace = new ScheduleWorkspace(bucket);
        workspace.AddStopRule(dedup: "e.EventId");
        workspace.WriteConfig(extraSource: "    deadLetter: dead/org-trail.jsonl");
        var deadLetter = Path.Combine(workspace.Rules.Root, "dead", "org-trail.jsonl");
        var now = DateTimeOffset.UtcNow;
        var records = ScheduleWorkspace.Stops(now.AddMinutes(-50), 2);
        records[1]!.AsObject().Remove("eventTime");
        var undatedKey = await bucket.PutLogAsync(records, ScheduleWorkspace.Account, "us-east-1", now.AddMinutes(-40));
        var emptyKey = await bucket.PutLogAsync([], ScheduleWorkspace.Account, "us-east-1", now.AddMinutes(-35));

        var strict = Shell.Run("schedule", "--config", workspace.ConfigPath, "--once", "--strict");

        Assert.That(strict.ExitCode, Is.EqualTo(1), strict.ToString);
        Assert.That(strict.Error, Does.Contain("empty inputs 1, unreadable inputs 0, records not evaluated 1 (not CloudTrail 0, undated 1, bad eventTime 0)"));
        Assert.That(strict.Error, Does.Contain("failing under --strict 2"));
        Assert.That(strict.Error, Does.Contain($"s3://{bucket.Name}/{undatedKey}:1:").And.Contain("warning DK4007: record index 1: no eventTime"));
        Assert.That(strict.Error, Does.Contain($"s3://{bucket.Name}/{emptyKey}: warning DK4009"));
        Assert.That(workspace.DeliveredAlerts(), Has.Count.EqualTo(1), "the dated record is still evaluated and delivered");

        // Without --strict the same kind of object is a warning: the run succeeds.
        var later = ScheduleWorkspace.Stops(now.AddMinutes(-20), 1);
        later[0]!.AsObject()["eventTime"] = "05/08/2024 10:00";
        await bucket.PutLogAsync(later, ScheduleWorkspace.Account, "us-east-1", now.AddMinutes(-10));
        var lenient = workspace.Once();

        Assert.That(lenient.ExitCode, Is.EqualTo(0), lenient.ToString);
        Assert.That(lenient.Error, Does.Contain("records not evaluated 1 (not CloudTrail 0, undated 0, bad eventTime 1)"));
        var entries = File.ReadAllLines(deadLetter).Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
        Assert.That(entries.Select(e => ((string)e["source"]!, (string)e["code"]!)), Is.EqualTo(new[]
        {
            ($"s3://{bucket.Name}/{undatedKey}", "DK4007"),
            ($"s3://{bucket.Name}/{bucket.Objects[^1].Key}", "DK4008"),
        }));
        Assert.That((long)entries[0]["record"]!, Is.EqualTo(1));
    }
}
