using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.State;
using DetectionKit.Engine.Tests.Support;
using static DetectionKit.Engine.Tests.Support.SomeAlert;

namespace DetectionKit.Engine.Tests.Delivery;

public sealed class DeliveringAlerts
{
    private static readonly HashSet<string> AllRules = ["rule"];

    [Test]
    public async Task AnAcceptedAlertIsNeverSentToTheSameOutputAgain()
    {
        using var state = SqliteAlertStateStore.InMemory();
        state.Commit("s", [SomeAlert.Match(At("13:06:24", "e1"))], null);
        var sink = new CollectingAlertSink();

        await AlertDelivery.DeliverAsync(state, "s", [new AlertOutput("out", sink)], AllRules);
        state.Commit("s", [SomeAlert.Match(At("13:07:24", "e2"))], null);
        var second = await AlertDelivery.DeliverAsync(state, "s", [new AlertOutput("out", sink)], AllRules);

        Assert.That(sink.Alerts, Has.Count.EqualTo(1));
        Assert.That(second.Total, Is.Zero);
    }

    [Test]
    public async Task AFailingOutputKeepsItsAlertsInOrderForTheNextRunAndTheOthersGoOn()
    {
        using var state = SqliteAlertStateStore.InMemory();
        state.Commit("s", [SomeAlert.Match(At("13:06:24", "e1"), dedupKey: "a"), SomeAlert.Match(At("13:07:24", "e2"), dedupKey: "b"), SomeAlert.Match(At("13:08:24", "e3"), dedupKey: "c")], null);
        var flaky = new FlakySink(acceptFirst: 1);
        var steady = new CollectingAlertSink();

        var first = await AlertDelivery.DeliverAsync(state, "s", [new AlertOutput("flaky", flaky), new AlertOutput("steady", steady)], AllRules);
        flaky.Recover();
        var second = await AlertDelivery.DeliverAsync(state, "s", [new AlertOutput("flaky", flaky), new AlertOutput("steady", steady)], AllRules);

        Assert.That(first.Failures.Single().Message, Does.Contain("2 alert(s) stay pending"));
        Assert.That(flaky.Accepted.Select(a => a.DedupKey), Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(steady.Alerts.Select(a => a.DedupKey), Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(second.Delivered["steady"], Is.Zero);
    }

    [Test]
    public async Task ARejectedAlertStaysPendingWithoutHoldingUpTheOthers()
    {
        using var state = SqliteAlertStateStore.InMemory();
        state.Commit("s", [SomeAlert.Match(At("13:06:24", "e1"), dedupKey: "a"), SomeAlert.Match(At("13:07:24", "e2"), dedupKey: "poison"), SomeAlert.Match(At("13:08:24", "e3"), dedupKey: "c")], null);
        var sink = new RejectingSink("poison");

        var report = await AlertDelivery.DeliverAsync(state, "s", [new AlertOutput("out", sink)], AllRules);

        Assert.That(sink.Accepted.Select(a => a.DedupKey), Is.EqualTo(new[] { "a", "c" }));
        Assert.That(report.Failures.Single().Message, Does.Contain("rejected").And.Contain("offered again next run"));
        Assert.That(state.Undelivered("s", "out", AllRules).Select(a => a.DedupKey), Is.EqualTo(new[] { "poison" }));
    }

    [Test]
    public async Task AStopRequestEndsDeliveryBetweenAlertsWithoutAnError()
    {
        using var state = SqliteAlertStateStore.InMemory();
        state.Commit("s", [SomeAlert.Match(At("13:06:24", "e1"), dedupKey: "a"), SomeAlert.Match(At("13:07:24", "e2"), dedupKey: "b")], null);
        using var stop = new CancellationTokenSource();
        var sink = new StoppingSink(stop);

        var report = await AlertDelivery.DeliverAsync(state, "s", [new AlertOutput("out", sink)], AllRules, stop.Token);

        Assert.That((report.Total, report.Failures.Count), Is.EqualTo((1, 0)));
        Assert.That(state.Undelivered("s", "out", AllRules).Select(a => a.DedupKey), Is.EqualTo(new[] { "b" }));
    }

    private sealed class RejectingSink(string poison) : IAlertSink
    {
        public List<Alert> Accepted { get; } = [];

        public ValueTask WriteAsync(Alert alert, CancellationToken cancellationToken = default)
        {
            if (alert.DedupKey == poison)
            {
                throw new AlertRejectedException("the webhook answered 422 UnprocessableEntity");
            }

            Accepted.Add(alert);
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class StoppingSink(CancellationTokenSource stop) : IAlertSink
    {
        public ValueTask WriteAsync(Alert alert, CancellationToken cancellationToken = default)
        {
            stop.Cancel();
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class FlakySink(int acceptFirst) : IAlertSink
    {
        private int remaining = acceptFirst;

        public List<Alert> Accepted { get; } = [];

        public void Recover() => remaining = int.MaxValue;

        public ValueTask WriteAsync(Alert alert, CancellationToken cancellationToken = default)
        {
            if (remaining-- <= 0)
            {
                throw new HttpRequestException("connection refused");
            }

            Accepted.Add(alert);
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
