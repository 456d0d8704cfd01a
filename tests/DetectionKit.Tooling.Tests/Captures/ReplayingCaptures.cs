using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Captures;

namespace DetectionKit.Tooling.Tests.Captures;

public sealed class ReplayingCaptures
{
    [Test]
    public void EveryRecordFileUnderTheFolderIsACaptureNamedByItsPath()
    {
        using var rules = Workspace();
        rules.Write("fixtures/b/deeper/two.jsonl", Some.JsonLines(Some.Record()));
        rules.Write("fixtures/a/one.json", Some.Delivery(Some.Record()));
        rules.Write("fixtures/a/LICENSE", "not a capture");
        rules.Write("fixtures/a/old.verified.json", "{\"captures\": {}}\n");
        rules.Write("fixtures/a/old.received.json", "{\"captures\": {}}\n");

        var names = CaptureReplay.Names(new CaptureDirectory(rules.PathOf("fixtures")));

        Assert.That(names, Is.EqualTo(new[] { "a/one.json", "b/deeper/two.jsonl" }), "snapshots are never captures");
    }

    [Test]
    public void EachCaptureHasItsOwnAlertStateSoThresholdsAreNotReachedAcrossCaptures()
    {
        using var rules = Workspace();
        rules.Write("fixtures/one-stop.json", Some.Delivery(Some.Record(eventId: "a")));
        rules.Write("fixtures/other-stop.json", Some.Delivery(Some.Record(eventId: "b")));
        rules.Write("fixtures/two-stops.json", Some.Delivery(Some.Record(eventId: "c"), Some.Record(eventId: "d")));

        var replayed = CaptureReplay.Replay(Rules(rules), new CaptureDirectory(rules.PathOf("fixtures")));

        Assert.That(replayed.Select(c => (c.Name, c.Events, c.Matches, c.Alerts.Count)), Is.EqualTo(new[]
        {
            ("one-stop.json", 1, 1L, 0),
            ("other-stop.json", 1, 1L, 0),
            ("two-stops.json", 2, 2L, 1),
        }));
        Assert.That(replayed[2].Alerts.Single().EventCount, Is.EqualTo(2));
    }

    [Test]
    public void AnUnreadableCaptureIsAProblemOfThatCaptureOnly()
    {
        using var rules = Workspace();
        rules.Write("fixtures/broken.json", "{ not json");
        rules.Write("fixtures/fine.json", Some.Delivery(Some.Record(eventId: "a"), Some.Record(eventId: "b")));

        var replayed = CaptureReplay.Replay(Rules(rules), new CaptureDirectory(rules.PathOf("fixtures")));

        Assert.That(replayed[0].Problems.Single().Code, Is.EqualTo(DiagnosticCodes.InputUnreadable));
        Assert.That((replayed[1].Problems.Count, replayed[1].Alerts.Count), Is.EqualTo((0, 1)));
    }

    [Test]
    public void TheFolderIsNamedByItsFullPathAndItsSnapshotsLieBesideIt()
    {
        using var rules = Workspace();

        var captures = new CaptureDirectory(rules.PathOf("fixtures") + Path.DirectorySeparatorChar);

        Assert.That(captures.Root, Is.EqualTo(rules.PathOf("fixtures")));
        Assert.That((captures.VerifiedPath, captures.ReceivedPath), Is.EqualTo((rules.PathOf("fixtures.verified.json"), rules.PathOf("fixtures.received.json"))));
        Assert.That(CaptureDirectory.BesideRules(rules.PathOf("rules")), Is.EqualTo(rules.PathOf("fixtures")));
    }

    private static RuleSet Rules(TempRulesDirectory rules) => RuleSetBuilder.Build(rules.PathOf("rules")).RuleSet;

    /// <summary>A rule that alerts once two successful StopLogging calls fall in one window.</summary>
    private static TempRulesDirectory Workspace()
    {
        var rules = new TempRulesDirectory();
        rules.Write("rules/stops.yml", RuleYaml.Rule("stops", extra: "threshold: 2\n"));
        rules.Write("rules/stops.csx", Scripts.MatchesSuccess);
        return rules;
    }
}
