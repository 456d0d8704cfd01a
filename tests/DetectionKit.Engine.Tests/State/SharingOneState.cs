using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.State;
using DetectionKit.Engine.Tests.Support;
using static DetectionKit.Engine.Tests.Support.SomeAlert;

namespace DetectionKit.Engine.Tests.State;

/// <summary>
/// What processes sharing one state rely on: a delivery is claimed by one holder at a time and never once
/// delivered, and workers see each other's status. Runs against every store in <see cref="Stores"/>.
/// </summary>
[TestFixtureSource(nameof(Stores))]
public sealed class SharingOneState(string storeName)
{
    private static readonly HashSet<string> AllRules = ["rule"];

    public static IEnumerable<string> Stores => SharedStores.Names;

    [Test]
    public void ADeliveryIsClaimedByOneHolderUntilItsClaimRunsOut()
    {
        using var state = SharedStores.Open(storeName);
        var scope = Scope();
        state.Commit(scope, [SomeAlert.Match(At("13:06:24", "e1"))], null);
        var id = state.Undelivered(scope, "out", AllRules).Single().AlertId;
        var now = DateTimeOffset.UtcNow;

        Assert.That(state.TryClaimDelivery(scope, id, "out", "a", now.AddMinutes(5)), Is.True);
        Assert.That(state.TryClaimDelivery(scope, id, "out", "b", now.AddMinutes(5)), Is.False, "a running claim of another holder");
        Assert.That(state.TryClaimDelivery(scope, id, "out", "a", now.AddMinutes(6)), Is.True, "the holder renews its own claim");
        Assert.That(state.TryClaimDelivery(scope, id, "other", "b", now.AddMinutes(5)), Is.True, "claims are per output");
    }

    [Test]
    public void AClaimThatRanOutIsTakenOverAndADeliveredAlertIsNeverClaimed()
    {
        using var state = SharedStores.Open(storeName);
        var scope = Scope();
        state.Commit(scope, [SomeAlert.Match(At("13:06:24", "e1"))], null);
        var id = state.Undelivered(scope, "out", AllRules).Single().AlertId;

        Assert.That(state.TryClaimDelivery(scope, id, "out", "dead", DateTimeOffset.UtcNow.AddSeconds(-1)), Is.True);
        Assert.That(state.TryClaimDelivery(scope, id, "out", "alive", DateTimeOffset.UtcNow.AddMinutes(5)), Is.True, "the dead holder's claim ran out");
        state.MarkDelivered(scope, id, "out");
        Assert.That(state.TryClaimDelivery(scope, id, "out", "alive", DateTimeOffset.UtcNow.AddMinutes(5)), Is.False, "delivered");
        Assert.That(state.TryClaimDelivery(scope, id, "out", "third", DateTimeOffset.UtcNow.AddMinutes(5)), Is.False, "delivered");
    }

    [Test]
    public async Task TwoProcessesDeliveringFromOneStateSendEachAlertOnce()
    {
        using var state = SharedStores.Open(storeName);
        var scope = Scope();
        state.Commit(scope, [SomeAlert.Match(At("13:06:24", "e1"), dedupKey: "a"), SomeAlert.Match(At("13:07:24", "e2"), dedupKey: "b")], null);
        var sink = new CollectingAlertSink();

        // The second holder has already read the list when the first claims and sends.
        var first = await AlertDelivery.DeliverAsync(state, scope, [new AlertOutput("out", sink)], AllRules, claim: new DeliveryClaim("first", TimeSpan.FromMinutes(5)));
        var second = await AlertDelivery.DeliverAsync(state, scope, [new AlertOutput("out", sink)], AllRules, claim: new DeliveryClaim("second", TimeSpan.FromMinutes(5)));

        Assert.That(sink.Alerts, Has.Count.EqualTo(2));
        Assert.That(first.Total, Is.EqualTo(2));
        Assert.That(second.Total, Is.Zero);
    }

    [Test]
    public async Task AnAlertClaimedByALiveHolderIsLeftToIt()
    {
        using var state = SharedStores.Open(storeName);
        var scope = Scope();
        state.Commit(scope, [SomeAlert.Match(At("13:06:24", "e1"))], null);
        var id = state.Undelivered(scope, "out", AllRules).Single().AlertId;
        state.TryClaimDelivery(scope, id, "out", "busy", DateTimeOffset.UtcNow.AddMinutes(5));
        var sink = new CollectingAlertSink();

        var report = await AlertDelivery.DeliverAsync(state, scope, [new AlertOutput("out", sink)], AllRules, claim: new DeliveryClaim("other", TimeSpan.FromMinutes(5)));

        Assert.That(sink.Alerts, Is.Empty);
        Assert.That(report.HeldElsewhere, Is.EqualTo(1));
        Assert.That(state.Undelivered(scope, "out", AllRules), Has.Count.EqualTo(1), "still pending: the holder may die");
    }

    [Test]
    public void WorkersSeeEachOthersStatusAndItsLatestCounters()
    {
        using var state = SharedStores.Open(storeName);
        var scope = Scope();
        var started = DateTimeOffset.UtcNow.AddMinutes(-10);
        state.RecordWorker(new WorkerStatus(scope, "w1", "aaaa", "0.1.0", started, started.AddMinutes(1), 1, 10, 0, false));
        state.RecordWorker(new WorkerStatus(scope, "w2", "bbbb", "0.1.0", started, started.AddMinutes(2), 2, 20, 1, false));
        state.RecordWorker(new WorkerStatus(scope, "w1", "aaaa", "0.1.0", started, started.AddMinutes(9), 5, 50, 2, true));
        state.RecordWorker(new WorkerStatus(Scope(), "elsewhere", "cccc", "0.1.0", started, started.AddMinutes(9), 0, 0, 0, false));

        var recent = state.Workers(scope, started.AddMinutes(5));
        var all = state.Workers(scope, started);

        Assert.That(recent.Select(w => w.WorkerId), Is.EqualTo(new[] { "w1" }));
        Assert.That(recent[0], Is.EqualTo(new WorkerStatus(scope, "w1", "aaaa", "0.1.0", started, started.AddMinutes(9), 5, 50, 2, true)).Using<WorkerStatus>(SameStatus));
        Assert.That(all.Select(w => w.RuleSetHash), Is.EqualTo(new[] { "aaaa", "bbbb" }));
    }

    // Stores keep times to their own precision; a status read back is the same to the millisecond.
    private static bool SameStatus(WorkerStatus a, WorkerStatus b) =>
        a with { StartedAt = default, SeenAt = default } == b with { StartedAt = default, SeenAt = default }
        && Math.Abs((a.StartedAt - b.StartedAt).TotalMilliseconds) < 1
        && Math.Abs((a.SeenAt - b.SeenAt).TotalMilliseconds) < 1;

    private static string Scope() => SharedStores.NewScope();
}
