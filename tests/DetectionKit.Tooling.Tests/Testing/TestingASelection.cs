using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Selection;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Testing;

namespace DetectionKit.Tooling.Tests.Testing;

public sealed class TestingASelection
{
    [Test]
    public void OnlyTheSelectedRulesAreTested()
    {
        using var rules = Rules();

        var run = new RuleTestRunner(rules.Root).Run(new RuleFilter { Tags = ["iam"] }, accept: true);

        Assert.That(run.Rules.Select(r => r.Rule.Id), Is.EqualTo(new[] { "keys" }));
        Assert.That(run.SelectionProblems, Is.Empty);
    }

    [Test]
    public void AValueTheFilterCannotUseRunsNothing()
    {
        using var rules = Rules();

        var run = new RuleTestRunner(rules.Root).Run(new RuleFilter { Severities = ["urgent"] }, accept: true);

        Assert.That(run.Rules, Is.Empty);
        Assert.That(run.SelectionProblems.Single().Code, Is.EqualTo(DiagnosticCodes.FilterValueInvalid));
        Assert.That(rules.Exists("keys.verified.json"), Is.False);
    }

    [Test]
    public void AFilterThatSelectsNothingSaysWhichValueAndStillReportsFilesThatDidNotLoad()
    {
        using var rules = Rules();
        rules.AddRule("typo", Scripts.MatchesSuccess, "id: typo\ntitle: T\nserverity: low\ntests: []\n");

        var run = new RuleTestRunner(rules.Root).Run(new RuleFilter { Tags = ["iamm"] });

        Assert.That(run.SelectionProblems.Single().Message, Is.EqualTo("no rule matches --tag 'iamm' (did you mean 'iam'?)"));
        Assert.That(run.FilesNotLoaded, Has.Count.EqualTo(1), "the rule meant may be the one that did not load");
        Assert.That(run.Failed, Is.EqualTo(1), "one file that did not load, whatever its number of problems");
    }

    [Test]
    public void NarrowingToChangedRulesThatSelectsNothingIsNoProblem()
    {
        using var rules = Rules();

        var run = new RuleTestRunner(rules.Root).Run(new RuleFilter(), only: _ => false);

        Assert.That((run.Rules.Count, run.SelectionProblems.Count, run.Succeeded), Is.EqualTo((0, 0, true)));
    }

    private static TempRulesDirectory Rules()
    {
        var rules = new TempRulesDirectory();
        rules.AddRule("keys", Scripts.MatchesSuccess, RuleYaml.Rule("keys", extra: "tags: [iam]\n"));
        rules.AddRule("trail", Scripts.MatchesSuccess, RuleYaml.Rule("trail", extra: "tags: [tampering]\n"));
        return rules;
    }
}
