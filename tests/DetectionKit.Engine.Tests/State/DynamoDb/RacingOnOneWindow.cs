using DetectionKit.Engine.Tests.Support;
using static DetectionKit.Engine.Tests.Support.SomeAlert;

namespace DetectionKit.Engine.Tests.State.DynamoDb;

/// <summary>
/// Workers on several machines committing to one window at once, as SQS delivering one message twice
/// or two objects with events of one dedup key make them: two stores (two clients, as two processes)
/// on the same table, several threads each, against moto_server.
/// </summary>
public sealed class RacingOnOneWindow
{
    private static readonly HashSet<string> AllRules = ["rule"];

    [Test]
    public void TheSameMatchesCommittedConcurrentlyAreCountedOnceInOneWindow()
    {
        using var first = SharedStores.OpenDynamoDb();
        using var second = SharedStores.OpenDynamoDb();
        var scope = SharedStores.NewScope();
        var matches = Enumerable.Range(0, 20).Select(i => Match(At($"13:{i:00}:00", $"e{i}"))).ToList();

        Race(6, i => (i % 2 == 0 ? first : second).Commit(scope, matches, null));

        var alert = first.Undelivered(scope, "out", AllRules).Single();
        Assert.That(alert.EventCount, Is.EqualTo(20));
        Assert.That(alert.EventIds, Is.EquivalentTo(matches.Select(m => m.EventId)));
    }

    [Test]
    public void DifferentEventsOfOneDedupKeyFromRacingWorkersAddUpAndTheThresholdFiresOnce()
    {
        using var first = SharedStores.OpenDynamoDb();
        using var second = SharedStores.OpenDynamoDb();
        var scope = SharedStores.NewScope();
        var rule = Rule(threshold: 12);

        // Six workers with four events each, every event also in a neighbour's batch (a message delivered twice).
        var events = Enumerable.Range(0, 24).Select(i => Match(At($"13:{i:00}:00", $"e{i}"), rule)).ToList();
        Race(6, i => (i % 2 == 0 ? first : second).Commit(scope, [.. events.Skip(i * 4).Take(4), .. events.Skip(((i + 1) % 6) * 4).Take(2)], null));

        var alerts = second.Undelivered(scope, "out", AllRules);
        Assert.That(alerts, Has.Count.EqualTo(1));
        Assert.That(alerts[0].EventCount, Is.EqualTo(24));
        Assert.That(alerts[0].EventIds, Is.EquivalentTo(events.Select(m => m.EventId)));
    }

    [Test]
    public void OnlyOneOfTheWorkersThatFoundNoWindowOpensIt()
    {
        using var first = SharedStores.OpenDynamoDb();
        using var second = SharedStores.OpenDynamoDb();
        var scope = SharedStores.NewScope();
        var rule = Rule(threshold: 4);

        Race(4, i => (i % 2 == 0 ? first : second).Commit(scope, [Match(At($"13:0{i}:00", $"e{i}"), rule, context: new System.Text.Json.Nodes.JsonObject { ["worker"] = i })], null));

        var alert = first.Undelivered(scope, "out", AllRules).Single();
        Assert.That(alert.EventCount, Is.EqualTo(4));
        Assert.That(alert.EventIds, Has.Count.EqualTo(4));
        Assert.That(alert.EventIds, Does.Contain($"e{alert.Context!["worker"]!.GetValue<int>()}"), "the alert describes the match that opened the window");
    }

    private static void Race(int workers, Action<int> commit) => Racing.Run(workers, commit);
}
