using DetectionKit.Engine.State;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;
using static DetectionKit.Engine.Tests.Support.SomeAlert;

namespace DetectionKit.Engine.Tests.State;

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
            state.Commit("s", [SomeAlert.Match(At("13:06:24", "e1")), SomeAlert.Match(At("13:16:24", "e2"), dedupKey: "other")], checkpoint);
            state.MarkDelivered("s", state.Undelivered("s", "out", AllRules)[0].AlertId, "out");
        }

        using var reopened = SqliteAlertStateStore.Open(path);
        reopened.Commit("s", [SomeAlert.Match(At("13:30:00", "e3"))], null);

        Assert.That(reopened.IsProcessed(checkpoint), Is.True);
        Assert.That(reopened.Undelivered("s", "out", AllRules).Select(a => a.DedupKey), Is.EqualTo(new[] { "other" }));
        Assert.That(reopened.Undelivered("s", "another output", AllRules).Select(a => (a.DedupKey, a.EventCount)), Is.EqualTo(new[] { ("key", 2), ("other", 1) }));
    }

    [Test]
    public void OnlyTheRequestedRulesAlertsAreOffered()
    {
        using var state = SqliteAlertStateStore.InMemory();

        state.Commit("s", [SomeAlert.Match(At("13:06:24", "e1"), SomeAlert.Rule("a")), SomeAlert.Match(At("13:06:24", "e1"), SomeAlert.Rule("b"))], null);

        Assert.That(state.Undelivered("s", "out", new HashSet<string> { "b" }).Select(a => a.RuleId), Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public void PruningForgetsDeliveredAndUnfiredWindowsButNeverAnAlertAnOutputStillOwes()
    {
        using var state = SqliteAlertStateStore.InMemory();
        state.Commit("s", [SomeAlert.Match(At("13:06:24", "e1"), dedupKey: "delivered"), SomeAlert.Match(At("13:06:24", "e2"), dedupKey: "owed")], null);
        state.Commit("s", [SomeAlert.Match(At("13:06:24", "e3"), SomeAlert.Rule(threshold: 5), dedupKey: "below threshold")], null);
        var delivered = state.Undelivered("s", "out", AllRules).Single(a => a.DedupKey == "delivered");
        state.MarkDelivered("s", delivered.AlertId, "out");

        state.PruneWindows("s", DateTimeOffset.Parse("2024-07-31T14:00:01Z"), ["out"]);

        Assert.That(state.Undelivered("s", "out", AllRules).Select(a => a.DedupKey), Is.EqualTo(new[] { "owed" }));
        state.Commit("s", [SomeAlert.Match(At("13:06:24", "e1"), dedupKey: "delivered")], null);
        Assert.That(state.Undelivered("s", "out", AllRules).Select(a => a.DedupKey), Is.EquivalentTo(new[] { "owed", "delivered" }), "a pruned window starts afresh");
    }

    [Test]
    public void PruningCheckpointsTouchesOnlyTheGivenScope()
    {
        using var state = SqliteAlertStateStore.InMemory();
        var checkpoint = new Checkpoint("job", "key");
        var otherJob = new Checkpoint("other job", "key");
        state.Commit("s", [], checkpoint);
        state.Commit("s", [], otherJob);

        state.PruneCheckpoints("job", DateTimeOffset.UtcNow.AddMinutes(1));

        Assert.That(state.IsProcessed(checkpoint), Is.False);
        Assert.That(state.IsProcessed(otherJob), Is.True);
    }

    [Test]
    public void ScopesKeepWindowsAndDeliveriesApart()
    {
        using var state = SqliteAlertStateStore.InMemory();

        state.Commit("team-a", [SomeAlert.Match(At("13:06:24", "e1"))], null);
        state.Commit("team-b", [SomeAlert.Match(At("13:07:24", "e2"))], null);
        state.MarkDelivered("team-a", state.Undelivered("team-a", "out", AllRules).Single().AlertId, "out");

        Assert.That(state.Undelivered("team-a", "out", AllRules), Is.Empty);
        Assert.That(state.Undelivered("team-b", "out", AllRules).Single().EventIds, Is.EqualTo(new[] { "e2" }));
        Assert.That(state.Undelivered("team-c", "out", AllRules), Is.Empty);
    }

    [Test]
    public void TheCoveredRangeIsRememberedPerScope()
    {
        using var folder = new TempRulesDirectory();
        var path = folder.PathOf("state.db");
        var until = DateTimeOffset.Parse("2024-08-01T10:15:00Z");
        using (var state = SqliteAlertStateStore.Open(path))
        {
            state.RecordCovered("job", new CoveredRange(until));
            state.RecordCovered("held", new CoveredRange(until, "s3://b/k: cannot read the object"));
        }

        using var reopened = SqliteAlertStateStore.Open(path);
        Assert.That(reopened.CoveredUntil("job"), Is.EqualTo(new CoveredRange(until)));
        Assert.That(reopened.CoveredUntil("held"), Is.EqualTo(new CoveredRange(until, "s3://b/k: cannot read the object")));
        Assert.That(reopened.CoveredUntil("other"), Is.Null);
    }

    [Test]
    public void AStateFileIsUsedByOneProcessAtATime()
    {
        using var folder = new TempRulesDirectory();
        var path = folder.PathOf("state.db");
        using var first = SqliteAlertStateStore.Open(path);

        var error = Assert.Throws<StateStoreException>(() => SqliteAlertStateStore.Open(path));

        Assert.That(error!.Message, Does.Contain("is in use by another detectionkit process"));
    }

    [Test]
    public void AFileThatIsNotAStateDatabaseIsReportedByName()
    {
        using var folder = new TempRulesDirectory();
        var path = folder.Write("notes.txt", "these are not the tables you are looking for, " + new string('x', 200));

        var error = Assert.Throws<StateStoreException>(() => SqliteAlertStateStore.Open(path));

        Assert.That(error!.Message, Does.Contain(path).And.Contain("cannot use the state file"));
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
            state.Commit("s", [], checkpoint);
        }

        Assert.That(state.ProcessedUnder("job", day), Is.EquivalentTo(new[] { day + "a.json.gz", day + "b.json.gz" }));
        Assert.That(state.ProcessedUnder("job", "AWSLogs/222222222222/"), Is.Empty);
    }
}
