using DetectionKit.Engine.State;
using static DetectionKit.Engine.Tests.Support.SomeAlert;

namespace DetectionKit.Engine.Tests.State;

/// <summary>`run` without `--state` keeps its windows in SQLite's temporary database: on disk past a bounded cache, gone at the end.</summary>
public sealed class KeepingATemporaryState
{
    private static readonly HashSet<string> AllRules = ["rule"];

    [Test]
    public void ItGroupsMoreWindowsThanItsMemoryCacheHoldsAndHandsEveryAlertOut()
    {
        using var state = SqliteAlertStateStore.Temporary();

        // Each commit opens a window of its own: far more rows than SQLite's default 2 MB page cache holds.
        for (var hour = 0; hour < 24; hour++)
        {
            state.Commit("run", Enumerable.Range(0, 1000).Select(i => Match(At($"{hour:00}:00:{i % 60:00}", $"e{hour}-{i}"), dedupKey: $"key-{i}")).ToList(), null);
        }

        var alerts = state.Undelivered("run", "out", AllRules);
        Assert.That(alerts, Has.Count.EqualTo(24_000));
        Assert.That(alerts.Select(a => a.AlertId).Distinct().Count(), Is.EqualTo(24_000));
    }

    [Test]
    public void TwoTemporaryStatesShareNothing()
    {
        using var first = SqliteAlertStateStore.Temporary();
        using var second = SqliteAlertStateStore.Temporary();

        first.Commit("run", [Match(At("13:06:24", "e1"))], null);

        Assert.That(second.Undelivered("run", "out", AllRules), Is.Empty);
        Assert.That(first.Undelivered("run", "out", AllRules), Has.Count.EqualTo(1));
    }
}
