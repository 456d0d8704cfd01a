using System.Text;
using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Running;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.State;

namespace DetectionKit.Engine.Tests.Support;

/// <summary>source → evaluate → in-memory state → collecting sink, as <c>run</c> wires it.</summary>
internal static class Pipeline
{
    public static async Task<(RunSummary Summary, IReadOnlyList<Alert> Alerts)> RunAsync(RuleSet rules, IEventSource source, IAlertStateStore? state = null)
    {
        using var owned = state is null ? SqliteAlertStateStore.InMemory() : null;
        var store = state ?? owned!;
        var summary = await new DetectionRunner(rules, store).RunAsync(source);
        var sink = new CollectingAlertSink();
        await AlertDelivery.DeliverAsync(store, "run", [new AlertOutput("test", sink)], rules.Rules.Select(r => r.Id).ToHashSet());
        return (summary, sink.Alerts);
    }

    public static FileEventSource Stdin(string text) =>
        new(["-"], () => new MemoryStream(Encoding.UTF8.GetBytes(text)));
}
