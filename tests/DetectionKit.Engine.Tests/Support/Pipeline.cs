using System.Text;
using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Running;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.State;

namespace DetectionKit.Engine.Tests.Support;

/// <summary>The pass <c>run</c> makes: source → evaluate → in-memory state → a collecting sink.</summary>
internal static class Pipeline
{
    public static async Task<(RunSummary Summary, IReadOnlyList<Alert> Alerts)> RunAsync(RuleSet rules, IEventSource source, IAlertStateStore? state = null)
    {
        using var owned = state is null ? SqliteAlertStateStore.InMemory() : null;
        var sink = new CollectingAlertSink();
        var pass = await new DetectionPass(rules, state ?? owned!, "run").RunAsync(source, [new AlertOutput("test", sink)]);
        return (pass.Run, sink.Alerts);
    }

    public static FileEventSource Stdin(string text) =>
        new(["-"], () => new MemoryStream(Encoding.UTF8.GetBytes(text)));
}
