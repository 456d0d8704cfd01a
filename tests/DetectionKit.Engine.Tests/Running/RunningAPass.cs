using System.Runtime.CompilerServices;
using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Running;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.State;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Running;

public sealed class RunningAPass
{
    private static readonly HashSet<string> TheRule = ["rule"];

    [Test]
    public async Task EveryOutputGetsTheAlertsOfThePassRules()
    {
        using var state = SqliteAlertStateStore.InMemory();
        state.Commit("s", [SomeAlert.Match(SomeAlert.At("09:00:00", "earlier"), SomeAlert.Rule("another rule"))], null);
        var (first, second) = (new CollectingAlertSink(), new CollectingAlertSink());

        var pass = await Pass(state).RunAsync(Input(), [new AlertOutput("first", first), new AlertOutput("second", second)]);

        Assert.That(first.Alerts.Select(a => a.RuleId), Is.EqualTo(new[] { "rule" }));
        Assert.That(second.Alerts.Select(a => a.RuleId), Is.EqualTo(new[] { "rule" }));
        Assert.That((pass.Run.Matches, pass.Delivery.Total), Is.EqualTo((1L, 2)));
    }

    [Test]
    public async Task EachBatchIsCommittedWithItsCheckpoint()
    {
        using var state = SqliteAlertStateStore.InMemory();

        await Pass(state).RunAsync(Input(), [], new PassOptions { CheckpointOf = batch => new Checkpoint("job", batch.Origin) });

        Assert.That(state.IsProcessed(new Checkpoint("job", "<stdin>")), Is.True);
    }

    [Test]
    public async Task AStopWhileReadingLeavesTheAlertsPendingForTheNextPass()
    {
        using var state = SqliteAlertStateStore.InMemory();
        using var stop = new CancellationTokenSource();
        var sink = new CollectingAlertSink();

        var pass = await Pass(state).RunAsync(new StopAfterFirstBatch(Input(), stop), [new AlertOutput("out", sink)], stop: stop.Token);

        Assert.That((pass.Stopped, pass.Delivery.Total, sink.Alerts.Count), Is.EqualTo((true, 0, 0)));
        Assert.That(state.Undelivered("s", "out", TheRule), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task DeliveringInFullSendsTheAlertsEvenAfterAStop()
    {
        using var state = SqliteAlertStateStore.InMemory();
        using var stop = new CancellationTokenSource();
        var sink = new CollectingAlertSink();

        var pass = await Pass(state).RunAsync(new StopAfterFirstBatch(Input(), stop), [new AlertOutput("out", sink)], new PassOptions { DeliverInFull = true }, stop.Token);

        Assert.That((pass.Stopped, pass.Delivery.Total, sink.Alerts.Count), Is.EqualTo((true, 1, 1)));
    }

    [Test]
    public async Task ReadingIsOverBeforeTheFirstAlertGoesOut()
    {
        using var state = SqliteAlertStateStore.InMemory();
        var steps = new List<string>();
        var sink = new RecordingSink(steps);

        await Pass(state).RunAsync(Input(), [new AlertOutput("out", sink)], new PassOptions
        {
            Progress = summary => steps.Add($"read {summary.EventsRead}"),
            Delivering = () => steps.Add("delivering"),
        });

        Assert.That(steps, Is.EqualTo(new[] { "read 2", "delivering", "alert" }));
    }

    [Test]
    public async Task TheProblemsAreBadInputRuleErrorsAndOutputsThatRefused()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", "bool Rule(CloudTrailEvent e) => e.EventId == \"boom\" ? throw new InvalidOperationException(\"boom\") : true;\n");
        using var state = SqliteAlertStateStore.InMemory();
        var input = Pipeline.Stdin(Some.JsonLines(Some.Record(eventId: "fine"), Some.Record(eventId: "boom")) + "{ not json\n");

        var pass = await new DetectionPass(new RuleSet(rules.Compile().Rules), state, "s").RunAsync(input, [new AlertOutput("out", new RefusingSink())]);

        Assert.That(pass.Problems.Select(p => p.Code), Is.EqualTo(new[] { DiagnosticCodes.InputUnreadable, DiagnosticCodes.RuleException, DiagnosticCodes.DeliveryFailed }));
        Assert.That(pass.ErrorCount, Is.EqualTo(3));
    }

    private static DetectionPass Pass(IAlertStateStore state)
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess);
        return new DetectionPass(new RuleSet(rules.Compile().Rules), state, "s");
    }

    private static FileEventSource Input() =>
        Pipeline.Stdin(Some.JsonLines(Some.Record(eventId: "stopped"), Some.Record(errorCode: "AccessDenied", eventId: "denied")));

    /// <summary>Yields the first batch of another source and asks the pass to stop while it is in hand.</summary>
    private sealed class StopAfterFirstBatch(IEventSource inner, CancellationTokenSource stop) : IEventSource
    {
        public async IAsyncEnumerable<EventBatch> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var batch in inner.ReadAsync(cancellationToken))
            {
                await stop.CancelAsync();
                yield return batch;
            }
        }
    }

    private sealed class RecordingSink(List<string> steps) : IAlertSink
    {
        public ValueTask WriteAsync(Alert alert, CancellationToken cancellationToken = default)
        {
            steps.Add("alert");
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class RefusingSink : IAlertSink
    {
        public ValueTask WriteAsync(Alert alert, CancellationToken cancellationToken = default) =>
            throw new AlertRejectedException("the endpoint answered 400 BadRequest");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
