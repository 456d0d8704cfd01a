using System.Text.Json.Nodes;
using DetectionKit.Engine.State;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;
using static DetectionKit.Engine.Tests.Support.SomeAlert;

namespace DetectionKit.Engine.Tests.State;

/// <summary>Every store keeps what grouping decides, one commit at a time. Runs against every store in <see cref="Stores"/>.</summary>
[TestFixtureSource(nameof(Stores))]
public sealed class CommittingMatches(string storeName)
{
    private static readonly HashSet<string> AllRules = ["rule"];

    public static IEnumerable<string> Stores => SharedStores.Names;

    [Test]
    public void TwoMatchesWithTheSameDedupKeyInTheWindowMakeOneAlertWithCountTwo()
    {
        using var state = SharedStores.Open(storeName);
        var scope = SharedStores.NewScope();

        state.Commit(scope, [Match(At("13:06:24", "e1")), Match(At("13:40:00", "e2"))], null);

        var alert = state.Undelivered(scope, "out", AllRules).Single();
        Assert.Multiple(() =>
        {
            Assert.That(alert.EventCount, Is.EqualTo(2));
            Assert.That(alert.EventIds, Is.EqualTo(new[] { "e1", "e2" }));
            Assert.That(alert.FirstEventTime, Is.EqualTo(DateTimeOffset.Parse("2024-07-31T13:06:24Z")));
            Assert.That(alert.LastEventTime, Is.EqualTo(DateTimeOffset.Parse("2024-07-31T13:40:00Z")));
            Assert.That(alert.WindowStart, Is.EqualTo(DateTimeOffset.Parse("2024-07-31T13:00:00Z")));
        });
    }

    [Test]
    public void MatchesInAnotherWindowOrWithAnotherKeyMakeAnotherAlert()
    {
        using var state = SharedStores.Open(storeName);
        var scope = SharedStores.NewScope();

        state.Commit(scope, [Match(At("13:06:24", "e1")), Match(At("14:00:00", "e2")), Match(At("13:10:00", "e3"), dedupKey: "other")], null);

        Assert.That(state.Undelivered(scope, "out", AllRules).Select(a => (a.DedupKey, a.EventCount)), Is.EqualTo(new[] { ("key", 1), ("other", 1), ("key", 1) }));
    }

    [Test]
    public void AThresholdRuleFiresOnlyWhenItsThresholdIsReachedInOneWindow()
    {
        using var state = SharedStores.Open(storeName);
        var scope = SharedStores.NewScope();
        var rule = Rule(threshold: 3);

        state.Commit(scope, [Match(At("13:01:00", "e1"), rule), Match(At("13:02:00", "e2"), rule), Match(At("14:03:00", "e3"), rule)], null);
        var belowThreshold = state.Undelivered(scope, "out", AllRules);
        state.Commit(scope, [Match(At("13:59:00", "e4"), rule)], null);
        var atThreshold = state.Undelivered(scope, "out", AllRules);

        Assert.That(belowThreshold, Is.Empty);
        Assert.That(atThreshold.Select(a => (a.EventCount, a.Threshold)), Is.EqualTo(new[] { (3, 3) }));
    }

    [Test]
    public void ReplayingTheSameEventsNeitherCountsThemTwiceNorMakesASecondAlert()
    {
        using var state = SharedStores.Open(storeName);
        var scope = SharedStores.NewScope();
        var matches = new[] { Match(At("13:06:24", "e1")), Match(At("13:07:00", "e2")) };

        state.Commit(scope, matches, null);
        state.Commit(scope, matches, null);

        Assert.That(state.Undelivered(scope, "out", AllRules).Single().EventCount, Is.EqualTo(2));
    }

    [Test]
    public void AWindowOfMoreEventsThanOneTransactionHoldsIsCountedWhole()
    {
        using var state = SharedStores.Open(storeName);
        var scope = SharedStores.NewScope();
        var rule = Rule(threshold: 250);
        var matches = Enumerable.Range(0, 260).Select(i => Match(At($"13:{i / 60:00}:{i % 60:00}", $"e{i}"), rule)).ToList();

        state.Commit(scope, matches, null);
        state.Commit(scope, matches.Take(120).ToList(), null);

        var alert = state.Undelivered(scope, "out", AllRules).Single();
        Assert.That(alert.EventCount, Is.EqualTo(260));
        Assert.That(alert.EventIds, Has.Count.EqualTo(100));
    }

    [Test]
    public void AWindowReadBackByAnotherProcessGoesOnWhereItStopped()
    {
        using var folder = new TempRulesDirectory();
        var path = folder.PathOf("state.db");
        Func<IAlertStateStore> open = storeName == "sqlite" ? () => SqliteAlertStateStore.Open(path) : SharedStores.OpenDynamoDb;
        var scope = SharedStores.NewScope();
        var rule = Rule(threshold: 2);
        using (var state = open())
        {
            state.Commit(scope, [Match(At("13:30:00", "e1"), rule, context: new JsonObject { ["actor"] = "alice" })], null);
        }

        using var reopened = open();
        reopened.Commit(scope, [Match(At("13:10:00", "e2"), rule, context: new JsonObject { ["actor"] = "bob" })], null);

        var alert = reopened.Undelivered(scope, "out", AllRules).Single();
        Assert.Multiple(() =>
        {
            Assert.That(alert.EventCount, Is.EqualTo(2));
            Assert.That(alert.EventIds, Is.EqualTo(new[] { "e1", "e2" }));
            Assert.That(alert.FirstEventTime, Is.EqualTo(DateTimeOffset.Parse("2024-07-31T13:10:00Z")));
            Assert.That(alert.LastEventTime, Is.EqualTo(DateTimeOffset.Parse("2024-07-31T13:30:00Z")));
            Assert.That(alert.Context!["actor"]!.GetValue<string>(), Is.EqualTo("alice"), "the alert describes the window's first match");
        });
    }
}
