using DetectionKit.Engine.Coverage;
using DetectionKit.Engine.Rules;
using DetectionKit.Engine.Tests.Support;

namespace DetectionKit.Engine.Tests.Coverage;

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
        Assert.That(cloudtrail.BySeverity[Severity.High], Is.EqualTo(1));
        Assert.That(cloudtrail.Disabled, Is.EqualTo(1));
        Assert.That(report.BySeverity[Severity.High], Is.EqualTo(1));
        Assert.That(report.BySeverity[Severity.Medium], Is.EqualTo(1));
        Assert.That(report.BySeverity[Severity.Low], Is.EqualTo(1));
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
    public void EachStratusCaptureIsReplayedAndAttributedToTheRulesThatFire()
    {
        using var rules = Workspace();
        rules.Write("fixtures/stratus-red-team/aws.defense-evasion.cloudtrail-stop.json", Some.Delivery(Some.Record(eventId: "stop-1"), Some.Record(eventId: "stop-2")));
        rules.Write("fixtures/stratus-red-team/aws.discovery.ec2-get-user-data.json", Some.JsonLines(Some.Record("DescribeInstanceAttribute", "ec2.amazonaws.com")));
        rules.Write("fixtures/stratus-red-team/README.md", "not a capture");

        var report = CoverageAnalyzer.Analyze(rules.PathOf("rules"), CoverageAnalyzer.DefaultStratusDirectory(rules.PathOf("rules")));

        Assert.That(report.Stratus, Is.Not.Null);
        Assert.That(report.Stratus!.Techniques.Select(t => (t.Id, t.Tactic, t.Events, string.Join(",", t.RuleIds), t.Detections)), Is.EqualTo(new[]
        {
            ("aws.defense-evasion.cloudtrail-stop", "defense-evasion", 2, "cloudtrail.stopped", 2),
            ("aws.discovery.ec2-get-user-data", "discovery", 1, string.Empty, 0),
        }));
        Assert.That(report.Stratus.Caught, Is.EqualTo(1));
    }

    [Test]
    public void WithoutACaptureDirectoryTheStratusSectionIsLeftOut()
    {
        using var rules = Workspace();

        var report = CoverageAnalyzer.Analyze(rules.PathOf("rules"), rules.PathOf("no-such-dir"));

        Assert.That(report.Stratus, Is.Null);
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
