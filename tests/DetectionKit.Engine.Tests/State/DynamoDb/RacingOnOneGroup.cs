using Amazon.DynamoDBv2.Model;
using DetectionKit.Engine.Correlation;
using DetectionKit.Engine.State;
using DetectionKit.Engine.State.DynamoDb;
using DetectionKit.Engine.Tests.Support;
using static DetectionKit.Engine.Tests.Support.SomeCorrelation;

namespace DetectionKit.Engine.Tests.State.DynamoDb;

/// <summary>
/// Correlation groups in a DynamoDB state: workers committing the halves of one sequence at once (two
/// clients on one table, several threads each, against moto_server), and the items a group is kept in.
/// </summary>
public sealed class RacingOnOneGroup
{
    private static readonly Correlator Escalation = Sequence("escalation", TimeSpan.FromMinutes(10), "assume", "stop");
    private static readonly HashSet<string> AllRules = ["escalation", "burst"];

    [Test]
    public void TwoClientsCommittingTheHalvesConcurrentlyFireExactlyOnce()
    {
        using var first = SharedStores.OpenDynamoDb();
        using var second = SharedStores.OpenDynamoDb();

        // Each half twice (a message delivered twice), from both clients, in several rounds: the reads and
        // transactions interleave differently in each, and whichever way they do, one alert.
        for (var round = 0; round < 4; round++)
        {
            var scope = SharedStores.NewScope();
            StepMatch[][] halves =
            [
                [Step(Escalation, "assume", At("13:00:00"), "e1"), Step(Escalation, "assume", At("13:01:00"), "e2")],
                [Step(Escalation, "stop", At("13:05:00"), "e3"), Step(Escalation, "stop", At("13:06:00"), "e4")],
            ];

            Racing.Run(4, i => (i % 2 == 0 ? first : second).Commit(scope, [], new Checkpoint(scope, $"object-{i / 2}"), halves[i / 2]));

            var alerts = first.Undelivered(scope, "out", AllRules);
            Assert.That(alerts, Has.Count.EqualTo(1), $"round {round}");
            Assert.That(alerts[0].EventIds, Is.EqualTo(new[] { "e1", "e3" }), $"round {round}");
            Assert.That(second.Undelivered(scope, "out", AllRules).Select(a => a.AlertId), Is.EqualTo(new[] { alerts[0].AlertId }), "the other client sees the same alert");
        }
    }

    [Test]
    public void WorkersCommittingOneStepEachAtOnceFireOnceForOverlappingSequences()
    {
        using var first = SharedStores.OpenDynamoDb();
        using var second = SharedStores.OpenDynamoDb();
        StepMatch[] steps =
        [
            Step(Escalation, "assume", At("13:00:00"), "e1"), Step(Escalation, "assume", At("13:01:00"), "e2"),
            Step(Escalation, "stop", At("13:05:00"), "e3"), Step(Escalation, "stop", At("13:06:00"), "e4"),
        ];

        // Whichever commits first, the sequences [e1, e3], [e2, e3], [e1, e4], [e2, e4] overlap: one of
        // them fires. A worker that decided on a group another changed meanwhile must not write over the
        // other's firing, or a later worker fires an overlapping sequence again.
        for (var round = 0; round < 4; round++)
        {
            var scope = SharedStores.NewScope();

            Racing.Run(6, i => (i % 2 == 0 ? first : second).Commit(scope, [], null, [steps[i % 4]]));

            var alerts = first.Undelivered(scope, "out", AllRules);
            Assert.That(alerts, Has.Count.EqualTo(1), $"round {round}: {string.Join("; ", alerts.Select(a => string.Join(",", a.EventIds)))}");
        }
    }

    [Test]
    public void AGroupIsOnePartitionOfItsGroupItemAndOneItemPerKeptStep()
    {
        using var state = SharedStores.OpenDynamoDb();
        var scope = SharedStores.NewScope();
        var pk = DynamoDbGroupItems.GroupPartition(scope, "escalation", "alice");

        state.Commit(scope, [], null, [Step(Escalation, "assume", At("13:00:00"), "e1")]);

        var items = Partition(pk);
        Assert.That(items.Select(i => i["sk"].S), Is.EqualTo(new[] { "S#assume#e1", "group" }));
        var group = items[1];
        Assert.That(group["groupKey"].S, Is.EqualTo("alice"));
        Assert.That(group["firings"].L, Is.Empty);
        Assert.That(group["pendingScope"].S, Is.EqualTo("G#" + scope));
        Assert.That(group["pendingOrder"].S, Is.EqualTo("2024-07-31T13:00:00.0000000Z"));
        var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(items[0]["expiresAt"].N, System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(expires, Is.GreaterThan(DateTimeOffset.UtcNow + DynamoDbAlertStateStore.Retention - TimeSpan.FromMinutes(1)), "a replay's step expires a retention after it was written");

        state.Commit(scope, [], null, [Step(Escalation, "stop", At("13:05:00"), "e2")]);

        items = Partition(pk);
        Assert.That(items.Select(i => i["sk"].S), Is.EqualTo(new[] { "group" }), "the steps of a firing cannot start another: dropped");
        Assert.That(items[0]["firings"].L.Single().M["last"].S, Is.EqualTo("2024-07-31T13:10:00.0000000Z"), "a firing stands for its first event and the timespan after it");
        Assert.That(long.Parse(items[0]["version"].N, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(long.Parse(group["version"].N, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void PruningMovesAGroupsIndexEntryToWhatItStillHoldsAndDeletesAGroupLeftWithNothing()
    {
        using var state = SharedStores.OpenDynamoDb();
        var scope = SharedStores.NewScope();
        var alice = DynamoDbGroupItems.GroupPartition(scope, "escalation", "alice");
        var bob = DynamoDbGroupItems.GroupPartition(scope, "escalation", "bob");
        state.Commit(scope, [], null, [Step(Escalation, "assume", At("13:00:00"), "e1"), Step(Escalation, "assume", At("13:02:00"), "e2"), Step(Escalation, "assume", At("13:00:30"), "e3", group: "bob")]);

        state.PruneWindows(scope, At("13:01:00"), ["out"]);

        var items = Partition(alice);
        Assert.That(items.Select(i => i["sk"].S), Is.EqualTo(new[] { "S#assume#e2", "group" }));
        Assert.That(items[1]["pendingOrder"].S, Is.EqualTo("2024-07-31T13:02:00.0000000Z"), "the next prune reads it only for a cutoff after 13:02");
        Assert.That(Partition(bob), Is.Empty, "nothing left");
    }

    [Test]
    public void StepsDroppedBeyondOneTransactionAreDeletedAfterIt()
    {
        using var state = SharedStores.OpenDynamoDb();
        var scope = SharedStores.NewScope();
        var burst = Count("burst", TimeSpan.FromHours(1), 110);
        var pk = DynamoDbGroupItems.GroupPartition(scope, "burst", "alice");

        state.Commit(scope, [], null, [.. Enumerable.Range(0, 109).Select(i => Step(burst, "denied", At("10:00:00").AddSeconds(10 * i), $"d{i:000}"))]);
        Assert.That(Partition(pk), Has.Count.EqualTo(110), "109 steps, in two transactions, and the group");
        state.Commit(scope, [], null, [Step(burst, "denied", At("10:30:00"), "d109")]);

        var alert = state.Undelivered(scope, "out", AllRules).Single();
        Assert.That(alert.EventCount, Is.EqualTo(110));
        Assert.That(Partition(pk).Select(i => i["sk"].S), Is.EqualTo(new[] { "group" }), "the 109 steps inside the firing: 98 deleted with it, the rest after it");
    }

    private static List<Dictionary<string, AttributeValue>> Partition(string pk)
    {
        using var client = SharedStores.Client();
        return client.QueryAsync(new QueryRequest
        {
            TableName = SharedStores.DynamoDbTable,
            ConsistentRead = true,
            KeyConditionExpression = "pk = :pk",
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = pk } },
        }).GetAwaiter().GetResult().Items;
    }
}
