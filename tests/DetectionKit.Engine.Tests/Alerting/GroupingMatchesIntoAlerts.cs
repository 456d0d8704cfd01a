using System.Text.Json.Nodes;
using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Tests.Support;
using static DetectionKit.Engine.Tests.Support.SomeAlert;

namespace DetectionKit.Engine.Tests.Alerting;

/// <summary>Grouping on its own, against windows kept in memory: no database is involved.</summary>
public sealed class GroupingMatchesIntoAlerts
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2024-08-01T09:00:00Z");

    [Test]
    public void TwoMatchesWithTheSameDedupKeyInTheWindowMakeOneWindowWithCountTwo()
    {
        var windows = new InMemoryAlertWindows();

        AlertGrouping.Add([Match(At("13:40:00", "e1")), Match(At("13:06:24", "e2"))], windows, Now);

        var window = windows.Windows.Values.Single();
        Assert.Multiple(() =>
        {
            Assert.That(window.EventCount, Is.EqualTo(2));
            Assert.That(window.EventIds, Is.EqualTo(new[] { "e1", "e2" }));
            Assert.That(window.FirstEventTime, Is.EqualTo(DateTimeOffset.Parse("2024-07-31T13:06:24Z")));
            Assert.That(window.LastEventTime, Is.EqualTo(DateTimeOffset.Parse("2024-07-31T13:40:00Z")));
            Assert.That((window.WindowStart, window.WindowEnd), Is.EqualTo((DateTimeOffset.Parse("2024-07-31T13:00:00Z"), DateTimeOffset.Parse("2024-07-31T14:00:00Z"))));
            Assert.That(window.FiredAt, Is.EqualTo(Now));
        });
    }

    [Test]
    public void MatchesInAnotherWindowOrWithAnotherKeyOpenAnotherWindow()
    {
        var windows = new InMemoryAlertWindows();

        AlertGrouping.Add([Match(At("13:06:24", "e1")), Match(At("14:00:00", "e2")), Match(At("13:10:00", "e3"), dedupKey: "other")], windows, Now);

        Assert.That(windows.Windows.Values.Select(w => (w.DedupKey, w.WindowStart.Hour, w.EventCount)), Is.EquivalentTo(new[] { ("key", 13, 1), ("key", 14, 1), ("other", 13, 1) }));
    }

    [Test]
    public void AThresholdWindowFiresWhenTheThresholdIsReachedAndKeepsThatTime()
    {
        var windows = new InMemoryAlertWindows();
        var rule = Rule(threshold: 3);
        var reached = Now.AddMinutes(5);

        AlertGrouping.Add([Match(At("13:01:00", "e1"), rule), Match(At("13:02:00", "e2"), rule)], windows, Now);
        var below = windows.Windows.Values.Single();
        AlertGrouping.Add([Match(At("13:59:00", "e3"), rule)], windows, reached);
        AlertGrouping.Add([Match(At("13:30:00", "e4"), rule)], windows, reached.AddMinutes(5));

        Assert.That((below.EventCount, below.Fired), Is.EqualTo((2, false)));
        Assert.That((windows.Windows.Values.Single().EventCount, windows.Windows.Values.Single().FiredAt), Is.EqualTo((4, reached)));
    }

    [Test]
    public void AnEventAlreadyCountedInAWindowIsNotCountedAgain()
    {
        var windows = new InMemoryAlertWindows();
        var matches = new[] { Match(At("13:06:24", "e1")), Match(At("13:07:00", "e2")), Match(At("13:07:00", "e2")) };

        AlertGrouping.Add(matches, windows, Now);
        AlertGrouping.Add(matches, windows, Now);

        Assert.That((windows.Windows.Values.Single().EventCount, windows.Windows.Values.Single().EventIds), Is.EqualTo((2, new[] { "e1", "e2" })));
    }

    [Test]
    public void OneEventCountsOnceInEachWindowItMatches()
    {
        var windows = new InMemoryAlertWindows();

        AlertGrouping.Add([Match(At("13:06:24", "e1"), Rule("a")), Match(At("13:06:24", "e1"), Rule("b"))], windows, Now);

        Assert.That(windows.Windows.Values.Select(w => (w.RuleId, w.EventCount)), Is.EquivalentTo(new[] { ("a", 1), ("b", 1) }));
    }

    [Test]
    public void AWindowListsTheFirstHundredEventIdsAndCountsEveryEvent()
    {
        var windows = new InMemoryAlertWindows();
        var matches = Enumerable.Range(0, 150).Select(i => Match(At($"13:{i / 60:00}:{i % 60:00}", $"e{i:000}")));

        AlertGrouping.Add(matches, windows, Now);

        var window = windows.Windows.Values.Single();
        Assert.That(window.EventCount, Is.EqualTo(150));
        Assert.That(window.EventIds, Is.EqualTo(Enumerable.Range(0, AlertWindow.MaxEventIds).Select(i => $"e{i:000}")));
    }

    [Test]
    public void TheDeliveredAlertIsTheFirstMatchWithTheWindowsCountsAndTimes()
    {
        var windows = new InMemoryAlertWindows();
        var first = Match(At("13:30:00", "e1"), title: "first", context: new JsonObject { ["actor"] = "alice" });

        AlertGrouping.Add([first, Match(At("13:10:00", "e2"), title: "second", context: new JsonObject { ["actor"] = "bob" })], windows, Now);

        var alert = windows.Windows[first.AlertId].Describe(windows.FirstAlerts[first.AlertId]);
        Assert.Multiple(() =>
        {
            Assert.That((alert.Title, alert.EventId, alert.Context!["actor"]!.GetValue<string>()), Is.EqualTo(("first", "e1", "alice")));
            Assert.That((alert.EventCount, alert.FirstEventTime, alert.LastEventTime), Is.EqualTo((2, DateTimeOffset.Parse("2024-07-31T13:10:00Z"), DateTimeOffset.Parse("2024-07-31T13:30:00Z"))));
            Assert.That(alert.EventIds, Is.EqualTo(new[] { "e1", "e2" }));
        });
    }

    [Test]
    public void AMatchOfAnotherWindowIsRefused()
    {
        var window = AlertWindow.Open(Match(At("13:06:24", "e1")), Now);

        Assert.Throws<ArgumentException>(() => window.Add(Match(At("14:06:24", "e2")), Now));
    }

    [Test]
    public void TwoScopesNeverShareAnAlertIdWhileOneScopeAlwaysGivesTheSame()
    {
        var jobA = Match(At("13:06:24", "e1"), scope: "org-trail");
        var jobAReplayed = Match(At("13:06:24", "e1"), scope: "org-trail");
        var jobB = Match(At("13:06:24", "e1"), scope: "sandbox-trail");
        var run = Match(At("13:06:24", "e1"), scope: "run");

        Assert.That(jobAReplayed.AlertId, Is.EqualTo(jobA.AlertId));
        Assert.That(new[] { jobA.AlertId, jobB.AlertId, run.AlertId }, Is.Unique);
        Assert.That(jobB.AlertId, Is.EqualTo(AlertMatch.IdOf("sandbox-trail", "rule", "key", DateTimeOffset.Parse("2024-07-31T13:00:00Z"))));
    }

    [Test]
    public void TheAlertIdDependsOnlyOnScopeRuleDedupKeyAndWindow()
    {
        var first = Match(At("13:06:24", "e1"));
        var sameWindow = Match(At("13:59:59", "e9"));
        var nextWindow = Match(At("14:00:00", "e1"));

        Assert.That(first.AlertId, Is.EqualTo(sameWindow.AlertId));
        Assert.That(first.AlertId, Is.Not.EqualTo(nextWindow.AlertId));
        Assert.That(first.AlertId, Is.EqualTo(AlertMatch.IdOf(SomeAlert.Scope, "rule", "key", DateTimeOffset.Parse("2024-07-31T13:00:00Z"))));
    }

    [Test]
    public void WindowsFollowTheRulesDedupPeriod()
    {
        var rule = Rule(periodMinutes: 15);

        var match = Match(At("13:31:00", "e1"), rule);

        Assert.That((match.WindowStart, match.WindowEnd), Is.EqualTo((DateTimeOffset.Parse("2024-07-31T13:30:00Z"), DateTimeOffset.Parse("2024-07-31T13:45:00Z"))));
    }
}
