using System.Text.Json.Nodes;
using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.State;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Alerting;

public sealed class GroupingMatchesIntoAlerts
{
    private static readonly HashSet<string> AllRules = ["rule"];

    [Test]
    public void TwoMatchesWithTheSameDedupKeyInTheWindowMakeOneAlertWithCountTwo()
    {
        using var state = SqliteAlertStateStore.InMemory();

        state.Commit("s", [SomeAlert.Match(At("13:06:24", "e1")), SomeAlert.Match(At("13:40:00", "e2"))], null);

        var alert = state.Undelivered("s", "out", AllRules).Single();
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
        using var state = SqliteAlertStateStore.InMemory();

        state.Commit("s", [SomeAlert.Match(At("13:06:24", "e1")), SomeAlert.Match(At("14:00:00", "e2")), SomeAlert.Match(At("13:10:00", "e3"), dedupKey: "other")], null);

        Assert.That(state.Undelivered("s", "out", AllRules).Select(a => (a.DedupKey, a.EventCount)), Is.EqualTo(new[] { ("key", 1), ("other", 1), ("key", 1) }));
    }

    [Test]
    public void AThresholdRuleFiresOnlyWhenItsThresholdIsReachedInOneWindow()
    {
        using var state = SqliteAlertStateStore.InMemory();
        var rule = SomeAlert.Rule(threshold: 3);

        state.Commit("s", [SomeAlert.Match(At("13:01:00", "e1"), rule), SomeAlert.Match(At("13:02:00", "e2"), rule), SomeAlert.Match(At("14:03:00", "e3"), rule)], null);
        var belowThreshold = state.Undelivered("s", "out", AllRules);
        state.Commit("s", [SomeAlert.Match(At("13:59:00", "e4"), rule)], null);
        var atThreshold = state.Undelivered("s", "out", AllRules);

        Assert.That(belowThreshold, Is.Empty);
        Assert.That(atThreshold.Select(a => (a.EventCount, a.Threshold)), Is.EqualTo(new[] { (3, 3) }));
    }

    [Test]
    public void ReplayingTheSameEventsNeitherCountsThemTwiceNorMakesASecondAlert()
    {
        using var state = SqliteAlertStateStore.InMemory();
        var matches = new[] { SomeAlert.Match(At("13:06:24", "e1")), SomeAlert.Match(At("13:07:00", "e2")) };

        state.Commit("s", matches, null);
        state.Commit("s", matches, null);

        Assert.That(state.Undelivered("s", "out", AllRules).Single().EventCount, Is.EqualTo(2));
    }

    [Test]
    public void TheAlertIdDependsOnlyOnRuleDedupKeyAndWindow()
    {
        var first = SomeAlert.Match(At("13:06:24", "e1"));
        var sameWindow = SomeAlert.Match(At("13:59:59", "e9"));
        var nextWindow = SomeAlert.Match(At("14:00:00", "e1"));

        Assert.That(first.AlertId, Is.EqualTo(sameWindow.AlertId));
        Assert.That(first.AlertId, Is.Not.EqualTo(nextWindow.AlertId));
        Assert.That(first.AlertId, Is.EqualTo(AlertMatch.IdOf("rule", "key", DateTimeOffset.Parse("2024-07-31T13:00:00Z"))));
    }

    [Test]
    public void WindowsFollowTheRulesDedupPeriod()
    {
        var rule = SomeAlert.Rule(periodMinutes: 15);

        var match = SomeAlert.Match(At("13:31:00", "e1"), rule);

        Assert.That((match.WindowStart, match.WindowEnd), Is.EqualTo((DateTimeOffset.Parse("2024-07-31T13:30:00Z"), DateTimeOffset.Parse("2024-07-31T13:45:00Z"))));
    }

    internal static JsonObject At(string time, string eventId)
    {
        var record = Some.Record(eventId: eventId);
        record["eventTime"] = $"2024-07-31T{time}Z";
        return record;
    }
}
