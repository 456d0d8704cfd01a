using DetectionKit.Engine.Diagnostics;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Testing;

namespace DetectionKit.Tooling.Tests.Testing;

public sealed class FindingStaleSnapshots
{
    [Test]
    public void AVerifiedEntryForACaseThatNoLongerExistsFails()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", tests: RuleYaml.DefaultCases + RuleYaml.Case("old case", true, Some.Record())));
        new RuleTestRunner(rules.Root).Run(accept: true);
        rules.Write("rule.yml", RuleYaml.Rule("rule"));

        var run = new RuleTestRunner(rules.Root).Run();

        Assert.That(run.Succeeded, Is.False);
        var result = run.Rules.Single();
        Assert.That(result.Cases.All(c => c.Passed), Is.True);
        var stale = result.RuleFailures.Single();
        Assert.That(stale.Code, Is.EqualTo(DiagnosticCodes.SnapshotDangling));
        var line = rules.Read("rule.verified.json").Split('\n').ToList().FindIndex(l => l.Contains("\"old case\"", StringComparison.Ordinal)) + 1;
        Assert.That(stale.Location, Is.EqualTo(new SourceLocation(rules.PathOf("rule.verified.json"), line, 5)), "at the entry's name");
        Assert.That(stale.Message, Does.Contain("'old case'").And.Contain("--filter rule --accept"));
        Assert.That(rules.Exists("rule.received.json"), Is.True, "the received snapshot shows the entry gone");
    }

    [Test]
    public void AcceptDropsTheEntryOfACaseThatNoLongerExists()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", tests: RuleYaml.DefaultCases + RuleYaml.Case("old case", true, Some.Record())));
        new RuleTestRunner(rules.Root).Run(accept: true);
        rules.Write("rule.yml", RuleYaml.Rule("rule"));

        new RuleTestRunner(rules.Root).Run(accept: true);

        Assert.That(rules.Read("rule.verified.json"), Does.Not.Contain("old case"));
        Assert.That(new RuleTestRunner(rules.Root).Run().Succeeded, Is.True);
    }

    [Test]
    public void ASnapshotWithoutARuleIsReportedAsDangling()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess);
        new RuleTestRunner(rules.Root).Run(accept: true);
        rules.Write("pack/removed.verified.json", "{\"ruleId\": \"removed\", \"cases\": {}}\n");

        var run = new RuleTestRunner(rules.Root).Run();

        Assert.That(run.Succeeded, Is.False);
        Assert.That(run.Failed, Is.EqualTo(1));
        var dangling = run.DanglingSnapshots.Single();
        Assert.That(dangling.Code, Is.EqualTo(DiagnosticCodes.SnapshotDangling));
        Assert.That(dangling.Location, Is.EqualTo(new SourceLocation(rules.PathOf("pack/removed.verified.json"), 1, 1)));
        Assert.That(dangling.Message, Does.Contain("removed.yml does not exist"));
    }

    [Test]
    public void AcceptRemovesASnapshotWithoutARule()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess);
        rules.Write("pack/removed.verified.json", "{\"ruleId\": \"removed\", \"cases\": {}}\n");

        var run = new RuleTestRunner(rules.Root).Run(accept: true);

        Assert.That(run.DanglingSnapshots, Is.Empty);
        Assert.That(rules.Exists("pack/removed.verified.json"), Is.False);
        Assert.That(rules.Exists("rule.verified.json"), Is.True);
    }

    [Test]
    public void DanglingSnapshotsAreOnlySoughtWhenEveryRuleIsTested()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess);
        rules.Write("removed.verified.json", "{}\n");

        var run = new RuleTestRunner(rules.Root).Run(include: r => r.Id == "rule", accept: true);

        Assert.That(run.DanglingSnapshots, Is.Empty);
        Assert.That(rules.Exists("removed.verified.json"), Is.True);
    }
}
