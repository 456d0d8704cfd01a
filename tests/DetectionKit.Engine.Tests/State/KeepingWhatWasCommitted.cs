using DetectionKit.Engine.State;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;
using static DetectionKit.Engine.Tests.Support.SomeAlert;

namespace DetectionKit.Engine.Tests.State;

/// <summary>
/// What a store keeps between commits: pending alerts per scope and rule, checkpoints, covered ranges,
/// and what pruning forgets. Runs against every store in <see cref="Stores"/>.
/// </summary>
[TestFixtureSource(nameof(Stores))]
public sealed class KeepingWhatWasCommitted(string storeName)
{
    private static readonly HashSet<string> AllRules = ["rule"];

    public static IEnumerable<string> Stores => SharedStores.Names;

    [Test]
    public void OnlyTheRequestedRulesAlertsAreOffered()
    {
        using var state = SharedStores.Open(storeName);
        var scope = SharedStores.NewScope();

        state.Commit(scope, [SomeAlert.Match(At("13:06:24", "e1"), SomeAlert.Rule("a")), SomeAlert.Match(At("13:06:24", "e1"), SomeAlert.Rule("b"))], null);

        Assert.That(state.Undelivered(scope, "out", new HashSet<string> { "b" }).Select(a => a.RuleId), Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public void PruningForgetsDeliveredAndUnfiredWindowsButNeverAnAlertAnOutputStillOwes()
    {
        using var state = SharedStores.Open(storeName);
        var scope = SharedStores.NewScope();
        state.Commit(scope, [SomeAlert.Match(At("13:06:24", "e1"), dedupKey: "delivered"), SomeAlert.Match(At("13:06:24", "e2"), dedupKey: "owed")], null);
        state.Commit(scope, [SomeAlert.Match(At("13:06:24", "e3"), SomeAlert.Rule(threshold: 5), dedupKey: "below threshold")], null);
        var delivered = state.Undelivered(scope, "out", AllRules).Single(a => a.DedupKey == "delivered");
        state.MarkDelivered(scope, delivered.AlertId, "out");

        state.PruneWindows(scope, DateTimeOffset.Parse("2024-07-31T14:00:01Z"), ["out"]);

        Assert.That(state.Undelivered(scope, "out", AllRules).Select(a => a.DedupKey), Is.EqualTo(new[] { "owed" }));
        state.Commit(scope, [SomeAlert.Match(At("13:06:24", "e1"), dedupKey: "delivered")], null);
        Assert.That(state.Undelivered(scope, "out", AllRules).Select(a => a.DedupKey), Is.EquivalentTo(new[] { "owed", "delivered" }), "a pruned window starts afresh");
    }

    [Test]
    public void AnAlertEveryOutputAcceptedIsNotOfferedAgainAfterPruningAndALaterEventDoesNotBringItBack()
    {
        using var state = SharedStores.Open(storeName);
        var scope = SharedStores.NewScope();
        state.Commit(scope, [SomeAlert.Match(At("13:06:24", "e1"))], null);
        var id = state.Undelivered(scope, "out", AllRules).Single().AlertId;
        state.MarkDelivered(scope, id, "out");

        // The window has not ended before the cutoff: it is kept, and goes on counting.
        state.PruneWindows(scope, DateTimeOffset.Parse("2024-07-31T13:30:00Z"), ["out"]);
        state.Commit(scope, [SomeAlert.Match(At("13:20:00", "e2"))], null);

        Assert.That(state.Undelivered(scope, "out", AllRules), Is.Empty);
        Assert.That(state.Undelivered(scope, "new output", AllRules).Single().EventCount, Is.EqualTo(2));
    }

    [Test]
    public void PruningCheckpointsTouchesOnlyTheGivenScope()
    {
        using var state = SharedStores.Open(storeName);
        var job = SharedStores.NewScope();
        var checkpoint = new Checkpoint(job, "key");
        var otherJob = new Checkpoint(SharedStores.NewScope(), "key");
        state.Commit("s", [], checkpoint);
        state.Commit("s", [], otherJob);

        state.PruneCheckpoints(job, DateTimeOffset.UtcNow.AddMinutes(1));

        Assert.That(state.IsProcessed(checkpoint), Is.False);
        Assert.That(state.IsProcessed(otherJob), Is.True);
    }

    [Test]
    public void ScopesKeepWindowsAndDeliveriesApart()
    {
        using var state = SharedStores.Open(storeName);
        var (a, b, c) = (SharedStores.NewScope(), SharedStores.NewScope(), SharedStores.NewScope());

        state.Commit(a, [SomeAlert.Match(At("13:06:24", "e1"))], null);
        state.Commit(b, [SomeAlert.Match(At("13:07:24", "e2"))], null);
        state.MarkDelivered(a, state.Undelivered(a, "out", AllRules).Single().AlertId, "out");

        Assert.That(state.Undelivered(a, "out", AllRules), Is.Empty);
        Assert.That(state.Undelivered(b, "out", AllRules).Single().EventIds, Is.EqualTo(new[] { "e2" }));
        Assert.That(state.Undelivered(c, "out", AllRules), Is.Empty);
    }

    [Test]
    public void TheCoveredRangeIsRememberedPerScope()
    {
        using var folder = new TempRulesDirectory();
        var path = folder.PathOf("state.db");
        Func<IAlertStateStore> open = storeName == "sqlite" ? () => SqliteAlertStateStore.Open(path) : SharedStores.OpenDynamoDb;
        var (job, held, other) = (SharedStores.NewScope(), SharedStores.NewScope(), SharedStores.NewScope());
        var until = DateTimeOffset.Parse("2024-08-01T10:15:00Z");
        using (var state = open())
        {
            state.RecordCovered(job, new CoveredRange(until));
            state.RecordCovered(held, new CoveredRange(until, "s3://b/k: cannot read the object"));
        }

        using var reopened = open();
        Assert.That(reopened.CoveredUntil(job), Is.EqualTo(new CoveredRange(until)));
        Assert.That(reopened.CoveredUntil(held), Is.EqualTo(new CoveredRange(until, "s3://b/k: cannot read the object")));
        Assert.That(reopened.CoveredUntil(other), Is.Null);
    }

    [Test]
    public void TheKeysProcessedUnderAPrefixAreTheScopesKeysWithThatPrefix()
    {
        using var state = SharedStores.Open(storeName);
        var (job, otherJob) = (SharedStores.NewScope(), SharedStores.NewScope());
        const string day = "AWSLogs/111122223333/CloudTrail/us-east-1/2024/07/31/";
        foreach (var checkpoint in new[]
        {
            new Checkpoint(job, day + "a.json.gz"),
            new Checkpoint(job, day + "b.json.gz"),
            new Checkpoint(job, "AWSLogs/111122223333/CloudTrail/us-east-1/2024/07/310"),
            new Checkpoint(job, "AWSLogs/111122223333/CloudTrail/us-east-1/2024/08/01/c.json.gz"),
            new Checkpoint(otherJob, day + "d.json.gz"),
        })
        {
            state.Commit("s", [], checkpoint);
        }

        Assert.That(state.ProcessedUnder(job, day), Is.EquivalentTo(new[] { day + "a.json.gz", day + "b.json.gz" }));
        Assert.That(state.ProcessedUnder(job, "AWSLogs/222222222222/"), Is.Empty);
    }
}
