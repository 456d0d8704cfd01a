using DetectionKit.Scripting;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Captures;
using DetectionKit.Tooling.Coverage;

namespace DetectionKit.Tooling.Tests.Coverage;

public sealed class ComputingCoverage
{
    [Test]
    public void RulesAreCountedByPackAndDeclaredSeverityWithDisabledRulesApart()
    {
        using var rules = Workspace();

        var report = CoverageAnalyzer.Analyze(rules.PathOf("rules"), null);

        Assert.That(report.Rules, Is.EqualTo(4));
        Assert.That(report.EnabledRules, Is.EqualTo(3));
        Assert.That(report.Packs.Select(p => p.Pack), Is.EqualTo(new[] { "cloudtrail", "iam" }));
        var cloudtrail = report.Packs[0];
        Assert.That(cloudtrail.RuleIds, Is.EqualTo(new[] { "cloudtrail.disabled", "cloudtrail.stopped" }));
        Assert.That(cloudtrail.BySeverity[AlertSeverity.High], Is.EqualTo(1));
        Assert.That(cloudtrail.Disabled, Is.EqualTo(1));
        Assert.That(report.BySeverity[AlertSeverity.High], Is.EqualTo(1));
        Assert.That(report.BySeverity[AlertSeverity.Medium], Is.EqualTo(1));
        Assert.That(report.BySeverity[AlertSeverity.Low], Is.EqualTo(1));
    }

    [Test]
    public void ASubTechniqueCoversItsTechniqueUnderEveryTacticOfIt()
    {
        using var rules = Workspace();

        var report = CoverageAnalyzer.Analyze(rules.PathOf("rules"), null);

        var evasion = Tactic(report, "defense-evasion");
        var impair = evasion.Techniques.Single(t => t.Technique.Id == "T1562");
        Assert.That(impair.RuleIds, Is.EqualTo(new[] { "cloudtrail.stopped", "iam.unknown-ids" }));
        Assert.That(impair.SubTechniques.Select(s => (s.Technique.Id, s.Technique.Name)), Is.EqualTo(new[] { ("T1562.008", "Disable or Modify Cloud Logs") }));
        foreach (var tactic in new[] { "initial-access", "persistence", "privilege-escalation", "defense-evasion" })
        {
            Assert.That(Tactic(report, tactic).Techniques.Single(t => t.Technique.Id == "T1078").RuleIds, Is.EqualTo(new[] { "iam.key-for-other" }), tactic);
        }

        Assert.That(Tactic(report, "execution").Covered, Is.False);
        Assert.That(report.CoveredTactics, Is.EqualTo(4));
        Assert.That(report.CoveredTechniques, Is.EqualTo(3), "T1562, T1078, T1098");
        Assert.That(report.MatrixTechniques, Is.EqualTo(AttackMatrix.All.Count(t => !t.IsSubTechnique)));
    }

    [Test]
    public void ADisabledRuleCoversNothing()
    {
        using var rules = Workspace();

        var report = CoverageAnalyzer.Analyze(rules.PathOf("rules"), null);

        Assert.That(Tactic(report, "collection").Techniques.Single(t => t.Technique.Id == "T1530").Covered, Is.False);
    }

    [Test]
    public void IdsTheMatrixDoesNotListAreReportedAndRulesWithoutIdsNamed()
    {
        using var rules = Workspace();

        var report = CoverageAnalyzer.Analyze(rules.PathOf("rules"), null);

        Assert.That(report.UnknownTechniques.Select(u => (u.Id, string.Join(",", u.RuleIds))), Is.EqualTo(new[] { ("T1562.099", "iam.unknown-ids"), ("T9999", "iam.unknown-ids") }));
        Assert.That(report.RulesWithoutMitre, Is.Empty);
    }

    [Test]
    public void TheRulesWithTheFewestCasesComeFirst()
    {
        using var rules = Workspace();
        rules.Write("rules/iam/key-for-other.yml", RuleYaml.Rule("iam.key-for-other", severity: "medium", match: IamMatch, extra: "mitre: [T1078.004, T1098.001]\n",
            tests: RuleYaml.DefaultCases + RuleYaml.Case("another", false, Some.Record(errorCode: "Throttling"))));

        var report = CoverageAnalyzer.Analyze(rules.PathOf("rules"), null);

        Assert.That(report.FewestCases[^1], Is.EqualTo(new RuleCases("iam.key-for-other", "iam", 1, 2)));
        Assert.That(report.FewestCases.Take(3).All(c => c.Total == 2), Is.True);
    }

    [Test]
    public void EachCaptureGoesThroughTheAlertPipelineAndNamesTheAlertsWithTheirSeverity()
    {
        using var rules = Workspace();
        rules.Write("fixtures/stratus-red-team/aws.defense-evasion.cloudtrail-stop.json", Some.Delivery(Some.Record(eventId: "stop-1"), Some.Record(eventId: "stop-2")));
        rules.Write("fixtures/stratus-red-team/aws.discovery.ec2-get-user-data.json", Some.JsonLines(Some.Record("DescribeInstanceAttribute", "ec2.amazonaws.com")));
        rules.Write("fixtures/stratus-red-team/README.md", "not a capture");

        var report = CoverageAnalyzer.Analyze(rules.PathOf("rules"), CaptureDirectory.BesideRules(rules.PathOf("rules")));

        Assert.That(report.Captures, Is.Not.Null);
        Assert.That(report.Captures!.Captures.Select(c => (c.Name, c.Tactic, c.Events, c.Matches, string.Join(",", c.RuleIds))), Is.EqualTo(new[]
        {
            ("stratus-red-team/aws.defense-evasion.cloudtrail-stop.json", "defense-evasion", 2, 2L, "cloudtrail.stopped"),
            ("stratus-red-team/aws.discovery.ec2-get-user-data.json", "discovery", 1, 0L, string.Empty),
        }));
        Assert.That(report.Captures.Captures[0].Alerts, Is.EqualTo(new[] { new CaptureRuleAlerts("cloudtrail.stopped", AlertSeverity.High, 1, 2) }), "two matches in one dedup window are one alert");
        Assert.That(report.Captures.Caught, Is.EqualTo(1));
    }

    [Test]
    public void AMatchBelowItsRulesThresholdDoesNotCatchTheCapture()
    {
        using var rules = Workspace();
        rules.Write("rules/ec2/user-data-burst.yml", RuleYaml.Rule("ec2.user-data-burst", match: "eventName: DescribeInstanceAttribute", extra: "threshold: 3\n",
            tests: RuleYaml.Case("read", true, Some.Record("DescribeInstanceAttribute", "ec2.amazonaws.com")) + RuleYaml.Case("denied", false, Some.Record("DescribeInstanceAttribute", "ec2.amazonaws.com", errorCode: "AccessDenied"))));
        rules.Write("rules/ec2/user-data-burst.csx", Scripts.MatchesSuccess);
        rules.Write("fixtures/stratus-red-team/aws.discovery.ec2-get-user-data.json",
            Some.JsonLines(Some.Record("DescribeInstanceAttribute", "ec2.amazonaws.com", eventId: "read-1"), Some.Record("DescribeInstanceAttribute", "ec2.amazonaws.com", eventId: "read-2")));

        var report = CoverageAnalyzer.Analyze(rules.PathOf("rules"), CaptureDirectory.BesideRules(rules.PathOf("rules")));

        var capture = report.Captures!.Captures.Single();
        Assert.That((capture.Matches, capture.Caught, capture.BelowThreshold), Is.EqualTo((2L, false, true)));
    }

    [Test]
    public void ACaptureThatIsAlsoARuleCaseIsMarked()
    {
        using var rules = Workspace();
        rules.Write("fixtures/stratus-red-team/aws.defense-evasion.cloudtrail-stop.json", Some.Delivery(Some.Record(eventId: "stop-1")));
        rules.Write("fixtures/stratus-red-team/aws.discovery.ec2-get-user-data.json", Some.JsonLines(Some.Record("DescribeInstanceAttribute", "ec2.amazonaws.com")));
        rules.Write("rules/cloudtrail/stopped.yml", RuleYaml.Rule("cloudtrail.stopped", extra: "mitre: [T1562.008]\n",
            tests: RuleYaml.FileCase("stratus capture", true, "../../fixtures/stratus-red-team/aws.defense-evasion.cloudtrail-stop.json")
                + RuleYaml.Case("denied", false, Some.Record(errorCode: "AccessDenied"))));

        var report = CoverageAnalyzer.Analyze(rules.PathOf("rules"), CaptureDirectory.BesideRules(rules.PathOf("rules")));

        Assert.That(report.Captures!.Captures.Select(c => (c.Name, c.IsRuleCase)), Is.EqualTo(new[]
        {
            ("stratus-red-team/aws.defense-evasion.cloudtrail-stop.json", true),
            ("stratus-red-team/aws.discovery.ec2-get-user-data.json", false),
        }));
        Assert.That(report.Captures.RuleCases, Is.EqualTo(1));
    }

    [Test]
    public void SeveritiesAreReportedAsDeclaredAndAsTheHighestTheSnapshotsShow()
    {
        using var rules = Workspace();
        // key-for-other declares medium; its snapshot shows a high single-record case and a critical match in a file case.
        rules.Write("rules/iam/key-for-other.verified.json", """
            {
              "ruleId": "iam.key-for-other",
              "cases": {
                "stop logging": { "match": true, "title": "t", "dedupKey": "k", "severity": "high", "context": null },
                "many": { "match": true, "events": 2, "matches": [ { "eventId": "1", "severity": "low" }, { "eventId": "2", "severity": "critical" } ] },
                "denied stop logging": { "match": false },
                "not counted": { "match": false, "severity": "critical" }
              }
            }
            """);
        // unknown-ids declares low and its snapshot shows only medium: the snapshot says what it alerts at.
        rules.Write("rules/iam/unknown-ids.verified.json", """{ "ruleId": "iam.unknown-ids", "cases": { "stop logging": { "match": true, "severity": "medium" } } }""");

        var report = CoverageAnalyzer.Analyze(rules.PathOf("rules"), null);

        var byId = report.Severities.ToDictionary(s => s.RuleId);
        Assert.That((byId["iam.key-for-other"].Declared, byId["iam.key-for-other"].InSnapshot, byId["iam.key-for-other"].Highest), Is.EqualTo((AlertSeverity.Medium, (AlertSeverity?)AlertSeverity.Critical, AlertSeverity.Critical)));
        Assert.That((byId["iam.unknown-ids"].Declared, byId["iam.unknown-ids"].Highest), Is.EqualTo((AlertSeverity.Low, AlertSeverity.Medium)));
        Assert.That((byId["cloudtrail.stopped"].InSnapshot, byId["cloudtrail.stopped"].Highest), Is.EqualTo(((AlertSeverity?)null, AlertSeverity.High)), "no snapshot: the declared severity");
        Assert.That(report.SeveritiesDifferingFromDeclared.Select(s => s.RuleId), Is.EqualTo(new[] { "iam.key-for-other", "iam.unknown-ids" }));

        var iam = report.Packs.Single(p => p.Pack == "iam");
        Assert.That((iam.BySeverity[AlertSeverity.Medium], iam.BySeverity[AlertSeverity.Low]), Is.EqualTo((1, 1)));
        Assert.That((iam.ByHighestSeverity[AlertSeverity.Critical], iam.ByHighestSeverity[AlertSeverity.Medium], iam.ByHighestSeverity[AlertSeverity.Low]), Is.EqualTo((1, 1, 0)));
        Assert.That(report.ByHighestSeverity[AlertSeverity.High], Is.EqualTo(1), "cloudtrail.stopped; the disabled rule is not counted");
        Assert.That(report.HighOrAboveRules, Is.EqualTo(2));
    }

    [Test]
    public void AnUnreadableSnapshotIsAWarningAndItsRuleKeepsItsDeclaredSeverity()
    {
        using var rules = Workspace();
        rules.Write("rules/iam/key-for-other.verified.json", "{ not json");

        var report = CoverageAnalyzer.Analyze(rules.PathOf("rules"), null);

        Assert.That(report.HasErrors, Is.False);
        Assert.That(report.Diagnostics.Single(d => d.Code == "DK3005").RuleId, Is.EqualTo("iam.key-for-other"));
        Assert.That(report.Severities.Single(s => s.RuleId == "iam.key-for-other").Highest, Is.EqualTo(AlertSeverity.Medium));
    }

    [Test]
    public void EachTechniqueCountsItsRulesThatCanAlertHighOrAboveAndThoseBelow()
    {
        using var rules = Workspace();

        var before = Tactic(CoverageAnalyzer.Analyze(rules.PathOf("rules"), null), "defense-evasion").Techniques.Single(t => t.Technique.Id == "T1562");
        rules.Write("rules/iam/unknown-ids.verified.json", """{ "ruleId": "iam.unknown-ids", "cases": { "stop logging": { "match": true, "severity": "critical" } } }""");
        var after = Tactic(CoverageAnalyzer.Analyze(rules.PathOf("rules"), null), "defense-evasion").Techniques.Single(t => t.Technique.Id == "T1562");

        Assert.That((before.HighOrAboveRuleIds.Single(), before.HighOrAbove, before.BelowHigh), Is.EqualTo(("cloudtrail.stopped", 1, 1)), "iam.unknown-ids declares low");
        Assert.That((after.HighOrAbove, after.BelowHigh), Is.EqualTo((2, 0)), "its snapshot shows a critical alert");
    }

    [Test]
    public void WithoutACaptureDirectoryTheCapturesSectionIsLeftOut()
    {
        using var rules = Workspace();

        var report = CoverageAnalyzer.Analyze(rules.PathOf("rules"), rules.PathOf("no-such-dir"));

        Assert.That(report.Captures, Is.Null);
        Assert.That(report.HasErrors, Is.False);
    }

    [Test]
    public void ARuleThatDoesNotCompileIsADiagnosticAndTheOthersAreStillCounted()
    {
        using var rules = Workspace();
        rules.Write("rules/iam/broken.yml", RuleYaml.Rule("iam.broken", extra: "mitre: [T1136.003]\n"));
        rules.Write("rules/iam/broken.csx", "bool Rule(CloudTrailEvent e) => nope;\n");

        var report = CoverageAnalyzer.Analyze(rules.PathOf("rules"), null);

        Assert.That(report.HasErrors, Is.True);
        Assert.That(report.Diagnostics.Select(d => d.RuleId), Does.Contain("iam.broken"));
        Assert.That(report.Rules, Is.EqualTo(4));
        Assert.That(Tactic(report, "persistence").Techniques.Single(t => t.Technique.Id == "T1136").Covered, Is.False);
    }

    private const string IamMatch = "eventName: CreateAccessKey";

    private static TacticCoverage Tactic(CoverageReport report, string shortName) => report.Tactics.Single(t => t.Tactic.ShortName == shortName);

    /// <summary>
    /// rules/cloudtrail: stopped (high, T1562.008) and disabled (T1530, not enabled); rules/iam:
    /// key-for-other (medium, T1078.004 and T1098.001) and unknown-ids (low, T9999 and T1562.099).
    /// </summary>
    private static TempRulesDirectory Workspace()
    {
        var rules = new TempRulesDirectory();
        rules.Write("rules/cloudtrail/stopped.yml", RuleYaml.Rule("cloudtrail.stopped", extra: "mitre: [T1562.008]\n"));
        rules.Write("rules/cloudtrail/stopped.csx", Scripts.MatchesSuccess);
        rules.Write("rules/cloudtrail/disabled.yml", RuleYaml.Rule("cloudtrail.disabled", extra: "mitre: [T1530]\nenabled: false\n"));
        rules.Write("rules/cloudtrail/disabled.csx", Scripts.MatchesSuccess);
        rules.Write("rules/iam/key-for-other.yml", RuleYaml.Rule("iam.key-for-other", severity: "medium", match: IamMatch, extra: "mitre: [T1078.004, T1098.001]\n"));
        rules.Write("rules/iam/key-for-other.csx", Scripts.MatchesSuccess);
        rules.Write("rules/iam/unknown-ids.yml", RuleYaml.Rule("iam.unknown-ids", severity: "low", match: IamMatch, extra: "mitre: [T9999, T1562.099]\n"));
        rules.Write("rules/iam/unknown-ids.csx", Scripts.MatchesSuccess);
        return rules;
    }
}
