using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Correlation;
using DetectionKit.Engine.State;
using DetectionKit.Engine.Tests.Support;
using static DetectionKit.Engine.Tests.Support.SomeCorrelation;

namespace DetectionKit.Engine.Tests.State;

/// <summary>
/// What a store keeps of correlation groups between commits: a sequence split over objects or runs fires
/// once whatever order its halves come in, a replay changes nothing, a commit too large for one write
/// decides as one, and pruning forgets old step matches and firings. Runs against every store in <see cref="Stores"/>.
/// </summary>
[TestFixtureSource(nameof(Stores))]
public sealed class KeepingCorrelationGroups(string storeName)
{
    private static readonly Correlator Escalation = Sequence("escalation", TimeSpan.FromMinutes(10), "assume", "stop");
    private static readonly HashSet<string> AllRules = ["escalation", "burst"];

    public static IEnumerable<string> Stores => SharedStores.Names;

    [Test]
    public void ASequenceSplitOverTwoCommitsFiresOnce()
    {
        using var state = SharedStores.Open(storeName);
        var scope = SharedStores.NewScope();

        state.Commit(scope, [], new Checkpoint(scope, "first"), [Step(Escalation, "assume", At("13:00:00"), "e1")]);
        Assert.That(state.Undelivered(scope, "out", AllRules), Is.Empty, "half a sequence");
        state.Commit(scope, [], new Checkpoint(scope, "second"), [Step(Escalation, "stop", At("13:05:00"), "e2")]);

        var alert = state.Undelivered(scope, "out", AllRules).Single();
        Assert.That(alert.AlertId, Is.EqualTo(AlertMatch.IdOf(scope, "escalation", "alice", At("13:00:00"))));
        Assert.That(alert.EventIds, Is.EqualTo(new[] { "e1", "e2" }));
        Assert.That(alert.Title, Is.EqualTo("stop by alice"));
        Assert.That(state.IsProcessed(new Checkpoint(scope, "second")), Is.True);
    }

    [Test]
    public void TheLaterHalfCommittedFirstFiresOnce()
    {
        using var state = SharedStores.Open(storeName);
        var scope = SharedStores.NewScope();

        state.Commit(scope, [], null, [Step(Escalation, "stop", At("13:05:00"), "e2")]);
        Assert.That(state.Undelivered(scope, "out", AllRules), Is.Empty, "a stop with no assume before it");
        state.Commit(scope, [], null, [Step(Escalation, "assume", At("13:00:00"), "e1")]);

        var alert = state.Undelivered(scope, "out", AllRules).Single();
        Assert.That(alert.EventIds, Is.EqualTo(new[] { "e1", "e2" }));
        Assert.That(alert.FirstEventTime, Is.EqualTo(At("13:00:00")));
    }

    [Test]
    public void ReplayingBothCommitsChangesNothing()
    {
        using var state = SharedStores.Open(storeName);
        var scope = SharedStores.NewScope();
        StepMatch[] first = [Step(Escalation, "assume", At("13:00:00"), "e1")];
        StepMatch[] second = [Step(Escalation, "stop", At("13:05:00"), "e2")];
        state.Commit(scope, [], null, first);
        state.Commit(scope, [], null, second);
        var alert = state.Undelivered(scope, "out", AllRules).Single();

        state.Commit(scope, [], null, first);
        state.Commit(scope, [], null, second);
        state.Commit(scope, [], null, [.. second, .. first]);
        Assert.That(state.Undelivered(scope, "out", AllRules).Select(a => a.AlertId), Is.EqualTo(new[] { alert.AlertId }), "the same alert, still owed");

        state.MarkDelivered(scope, alert.AlertId, "out");
        state.Commit(scope, [], null, [.. first, .. second]);
        Assert.That(state.Undelivered(scope, "out", AllRules), Is.Empty, "a delivered sequence is not raised again");
    }

    [Test]
    public void EachGroupDecidesOnItsOwn()
    {
        using var state = SharedStores.Open(storeName);
        var scope = SharedStores.NewScope();

        state.Commit(scope, [], null, [Step(Escalation, "assume", At("13:00:00"), "e1", group: "alice"), Step(Escalation, "stop", At("13:01:00"), "e2", group: "bob")]);
        state.Commit(scope, [], null, [Step(Escalation, "stop", At("13:02:00"), "e3", group: "alice"), Step(Escalation, "assume", At("13:03:00"), "e4", group: "bob")]);

        var alert = state.Undelivered(scope, "out", AllRules).Single();
        Assert.That(alert.DedupKey, Is.EqualTo("alice"), "bob stopped before he assumed");
        Assert.That(alert.EventIds, Is.EqualTo(new[] { "e1", "e3" }));
    }

    [Test]
    public void PruningForgetsOldSteps()
    {
        using var state = SharedStores.Open(storeName);
        var scope = SharedStores.NewScope();
        state.Commit(scope, [], null, [Step(Escalation, "assume", At("13:00:00"), "e1", group: "alice"), Step(Escalation, "assume", At("13:02:00"), "e2", group: "bob")]);

        state.PruneWindows(scope, At("13:01:00"), ["out"]);
        state.Commit(scope, [], null, [Step(Escalation, "stop", At("13:05:00"), "e3", group: "alice"), Step(Escalation, "stop", At("13:05:00"), "e4", group: "bob")]);

        var alert = state.Undelivered(scope, "out", AllRules).Single();
        Assert.That(alert.DedupKey, Is.EqualTo("bob"), "alice's assume was before the cutoff and is forgotten; bob's was after it");
    }

    [Test]
    public void PruningForgetsOldFiringsSoAReplayPastTheRetentionFiresAgain()
    {
        using var state = SharedStores.Open(storeName);
        var scope = SharedStores.NewScope();
        StepMatch[] sequence = [Step(Escalation, "assume", At("13:00:00"), "e1"), Step(Escalation, "stop", At("13:05:00"), "e2")];
        state.Commit(scope, [], null, sequence);
        var alert = state.Undelivered(scope, "out", AllRules).Single();

        state.PruneWindows(scope, At("13:04:00"), ["out"]);
        state.Commit(scope, [], null, sequence);
        Assert.That(state.Undelivered(scope, "out", AllRules).Select(a => a.AlertId), Is.EqualTo(new[] { alert.AlertId }), "a cutoff inside the sequence leaves it as it was");

        state.MarkDelivered(scope, alert.AlertId, "out");
        state.PruneWindows(scope, At("14:00:00"), ["out"]);
        state.Commit(scope, [], null, sequence);
        Assert.That(state.Undelivered(scope, "out", AllRules).Select(a => a.AlertId), Is.EqualTo(new[] { alert.AlertId }), "its window and firing were forgotten: the same alert again");
    }

    [Test]
    public void AFiringWhoseWindowIsStillKeptLeavesTheWindowAsItIs()
    {
        using var state = SharedStores.Open(storeName);
        var scope = SharedStores.NewScope();
        StepMatch[] sequence = [Step(Escalation, "assume", At("13:00:00"), "e1"), Step(Escalation, "stop", At("13:05:00"), "e2")];
        state.Commit(scope, [], null, sequence);
        var alert = state.Undelivered(scope, "out", AllRules).Single();
        state.MarkDelivered(scope, alert.AlertId, "out");

        // The firing (last 13:05) is forgotten, its window (to 13:10) is not: the replay fires the same alert again.
        state.PruneWindows(scope, At("13:07:00"), ["out"]);
        state.Commit(scope, [], null, sequence);

        Assert.That(state.Undelivered(scope, "out", AllRules), Is.Empty, "the window kept its delivery");
        Assert.That(state.TryClaimDelivery(scope, alert.AlertId, "out", "me", DateTimeOffset.UtcNow.AddMinutes(1)), Is.False, "delivered: never claimed again");
    }

    [Test]
    public void ACommitTooLargeForOneWriteDecidesAsOneDecisionDoes()
    {
        using var state = SharedStores.Open(storeName);
        var scope = SharedStores.NewScope();
        var burst = Count("burst", TimeSpan.FromMinutes(10), 3);
        var steps = Enumerable.Range(0, 130).Select(i => Step(burst, "denied", At("10:00:00").AddMinutes(i), $"d{i:000}")).Reverse().ToList();
        var expected = CorrelationGrouping.Apply(new CorrelationGroup("burst", "alice"), steps, scope, DateTimeOffset.UtcNow);

        state.Commit(scope, [], null, steps);

        var alerts = state.Undelivered(scope, "out", AllRules);
        Assert.That(alerts.Select(a => a.AlertId), Is.EquivalentTo(expected.Alerts.Select(a => a.Alert.AlertId)));
        Assert.That(alerts, Has.Count.EqualTo(12), "one per timespan of the burst: minutes 0, 11, 22 ... 121");
        Assert.That(alerts.Select(a => a.EventCount), Is.All.EqualTo(3));

        state.Commit(scope, [], null, [Step(burst, "denied", At("10:00:00").AddMinutes(131), "d131")]);
        Assert.That(state.Undelivered(scope, "out", AllRules), Has.Count.EqualTo(12), "inside the last firing's timespan: the same burst");
        state.Commit(scope, [], null, [.. Enumerable.Range(132, 3).Select(i => Step(burst, "denied", At("10:00:00").AddMinutes(i), $"d{i}"))]);
        Assert.That(state.Undelivered(scope, "out", AllRules), Has.Count.EqualTo(13), "after it, three more are a new sequence");
    }
}
