using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Tests.Support;
using static DetectionKit.Engine.Tests.Alerting.GroupingMatchesIntoAlerts;

namespace DetectionKit.Engine.Tests.Alerting;

public sealed class KeepingStateAcrossRestarts
{
    private static readonly HashSet<string> AllRules = ["rule"];

    [Test]
    public void WindowsDeliveriesAndCheckpointsSurviveReopeningTheFile()
    {
        using var folder = new TempRulesDirectory();
        var path = folder.PathOf("state/state.db");
        var checkpoint = new Checkpoint("job|s3://bucket/", "AWSLogs/111122223333/CloudTrail/us-east-1/2024/07/31/a.json.gz");
        using (var state = SqliteAlertStateStore.Open(path))
        {
            state.Commit([SomeAlert.Match(At("13:06:24", "e1")), SomeAlert.Match(At("13:16:24", "e2"), dedupKey: "other")], checkpoint);
            state.MarkDelivered(state.Undelivered("out", AllRules)[0].AlertId, "out");
        }

        using var reopened = SqliteAlertStateStore.Open(path);
        reopened.Commit([SomeAlert.Match(At("13:30:00", "e3"))], null);

        Assert.That(reopened.IsProcessed(checkpoint), Is.True);
        Assert.That(reopened.Undelivered("out", AllRules).Select(a => a.DedupKey), Is.EqualTo(new[] { "other" }));
        Assert.That(reopened.Undelivered("another output", AllRules).Select(a => (a.DedupKey, a.EventCount)), Is.EqualTo(new[] { ("key", 2), ("other", 1) }));
    }

    [Test]
    public void OnlyTheRequestedRulesAlertsAreOffered()
    {
        using var state = SqliteAlertStateStore.InMemory();

        state.Commit([SomeAlert.Match(At("13:06:24", "e1"), SomeAlert.Rule("a")), SomeAlert.Match(At("13:06:24", "e1"), SomeAlert.Rule("b"))], null);

        Assert.That(state.Undelivered("out", new HashSet<string> { "b" }).Select(a => a.RuleId), Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public void PruningForgetsEndedWindowsAndTheScopesOldCheckpoints()
    {
        using var state = SqliteAlertStateStore.InMemory();
        var checkpoint = new Checkpoint("job", "key");
        var otherJob = new Checkpoint("other job", "key");
        state.Commit([SomeAlert.Match(At("13:06:24", "e1"))], checkpoint);
        state.Commit([], otherJob);

        state.Prune(DateTimeOffset.Parse("2024-07-31T14:00:01Z"), "job", DateTimeOffset.UtcNow.AddMinutes(1));

        Assert.That(state.Undelivered("out", AllRules), Is.Empty);
        Assert.That(state.IsProcessed(checkpoint), Is.False);
        Assert.That(state.IsProcessed(otherJob), Is.True);
    }

    [Test]
    public void TheKeysProcessedUnderAPrefixAreTheScopesKeysWithThatPrefix()
    {
        using var state = SqliteAlertStateStore.InMemory();
        const string day = "AWSLogs/111122223333/CloudTrail/us-east-1/2024/07/31/";
        foreach (var checkpoint in new[]
        {
            new Checkpoint("job", day + "a.json.gz"),
            new Checkpoint("job", day + "b.json.gz"),
            new Checkpoint("job", "AWSLogs/111122223333/CloudTrail/us-east-1/2024/07/310"),
            new Checkpoint("job", "AWSLogs/111122223333/CloudTrail/us-east-1/2024/08/01/c.json.gz"),
            new Checkpoint("other job", day + "d.json.gz"),
        })
        {
            state.Commit([], checkpoint);
        }

        Assert.That(state.ProcessedUnder("job", day), Is.EquivalentTo(new[] { day + "a.json.gz", day + "b.json.gz" }));
        Assert.That(state.ProcessedUnder("job", "AWSLogs/222222222222/"), Is.Empty);
    }
}
