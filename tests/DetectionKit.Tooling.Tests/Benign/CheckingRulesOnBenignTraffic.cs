using DetectionKit.Engine.Diagnostics;
using DetectionKit.Scripting;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Benign;

namespace DetectionKit.Tooling.Tests.Benign;

public sealed class CheckingRulesOnBenignTraffic
{
    private const int Events = 2_000;

    [Test]
    public void AHighAlertOnBenignTrafficFailsNamingTheRuleAndARecord()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("noisy", Scripts.MatchesEverything, RuleYaml.Rule("noisy", title: "Anything at all", severity: "high", match: null));

        var result = Check(rules);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Events, Is.EqualTo(Events));
        var problem = result.Problems.Single();
        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.BenignTrafficAlert));
        Assert.That(problem.Location.Path, Is.EqualTo(rules.PathOf("noisy.yml")));
        Assert.That(problem.Message, Does.StartWith("rule 'noisy' raised 1 high alert on benign traffic (2,000 generated records, seed 42), e.g. \"Anything at all\" on {"),
            "one alert: the title is the dedup key, and the dedup window holds the rest");
    }

    [Test]
    public void AlertsBelowHighArePassedAndCounted()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("routine", Scripts.MatchesEverything, RuleYaml.Rule("routine", severity: "medium", match: null));

        var result = Check(rules);

        Assert.That(result.Succeeded, Is.True);
        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Alerts, Is.Not.Empty);
        Assert.That(result.Alerts.Select(a => a.Severity), Has.All.EqualTo(AlertSeverity.Medium));
        Assert.That(result.Detections, Is.EqualTo(Events));
    }

    [Test]
    public void ARuleThatThrowsOnBenignTrafficFails()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("fragile", "bool Rule(CloudTrailEvent e) => e.EventName.Length > 0 && int.Parse(\"x\") > 0;\n", RuleYaml.Rule("fragile", severity: "low", match: null));

        var result = Check(rules);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems.Select(p => p.Code), Does.Contain(DiagnosticCodes.RuleException));
    }

    [Test]
    public void TheSameRulesGiveTheSameResult()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("routine", "bool Rule(CloudTrailEvent e) => e.EventName.StartsWith(\"Get\");\nstring Title(CloudTrailEvent e) => e.EventName;\n", RuleYaml.Rule("routine", severity: "low", match: null));
        var loaded = rules.Load().Rules;

        var first = BenignTrafficCheck.Run(loaded, events: Events);
        var second = BenignTrafficCheck.Run(loaded, events: Events);

        Assert.That(second.Alerts.Select(a => a.Title), Is.EqualTo(first.Alerts.Select(a => a.Title)).And.Not.Empty);
    }

    private static BenignTrafficResult Check(TempRulesDirectory rules)
    {
        var loaded = rules.Load();
        Assert.That(loaded.Diagnostics.Where(d => d.IsError), Is.Empty);
        return BenignTrafficCheck.Run(loaded.Rules, events: Events);
    }
}
