using DetectionKit.Engine.Diagnostics;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Testing;

namespace DetectionKit.Tooling.Tests.Testing;

public sealed class RequiringMinimumCases
{
    [Test]
    public void ARuleShortOfTheMinimumFailsNamingWhatItHasAndWhatIsMissing()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("two", Scripts.MatchesSuccess);
        rules.AddRule("one-positive", Scripts.MatchesSuccess, RuleYaml.Rule("one-positive", tests: RuleYaml.Case("stop logging", true, Some.Record())));

        var run = new RuleTestRunner(rules.Root).Run(accept: true, minimumCases: 3);

        var two = run.Rules.Single(r => r.Rule.Id == "two").RuleFailures.Single();
        var onePositive = run.Rules.Single(r => r.Rule.Id == "one-positive").RuleFailures.Single();
        Assert.That(two.Code, Is.EqualTo(DiagnosticCodes.TooFewCases));
        Assert.That(two.Message, Is.EqualTo("rule 'two' has 2 cases (1 positive, 1 negative); --minimum-tests 3 asks for at least 3 cases, one positive and one negative among them: add 1 more case"));
        Assert.That(onePositive.Message, Is.EqualTo("rule 'one-positive' has 1 case (1 positive, 0 negative); --minimum-tests 3 asks for at least 3 cases, one positive and one negative among them: add 2 more cases and a negative case (expect: false, a similar event it must not match)"));
        Assert.That(two.Location.Line, Is.EqualTo(6), "at the rule's tests key");
        Assert.That(run.Failed, Is.EqualTo(2), "one failure per rule short of cases; their cases still pass");
    }

    [Test]
    public void AboveOneBothKindsAreNeededEvenWithEnoughCases()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("positives", Scripts.MatchesSuccess, RuleYaml.Rule("positives", tests: RuleYaml.Case("a", true, Some.Record()) + RuleYaml.Case("b", true, Some.Record())));

        var run = new RuleTestRunner(rules.Root).Run(accept: true, minimumCases: 2);

        Assert.That(run.Rules.Single().RuleFailures.Single().Message, Does.EndWith(": add a negative case (expect: false, a similar event it must not match)"));
    }

    [Test]
    public void OneAsksForACaseOfEitherKindAndZeroForNothing()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("positive", Scripts.MatchesSuccess, RuleYaml.Rule("positive", tests: RuleYaml.Case("a", true, Some.Record())));

        Assert.That(new RuleTestRunner(rules.Root).Run(accept: true, minimumCases: 1).Succeeded, Is.True);
        Assert.That(new RuleTestRunner(rules.Root).Run(accept: true, minimumCases: 0).Succeeded, Is.True);
        Assert.That(new RuleTestRunner(rules.Root).Run(accept: true, minimumCases: 2).Succeeded, Is.False);
    }

    [Test]
    public void ARuleThatDoesNotCompileAndHasTooFewCasesIsStillOneFailure()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("broken", "bool Rule(CloudTrailEvent e) => e.NoSuchProperty;\n");

        var run = new RuleTestRunner(rules.Root).Run(minimumCases: 5);

        Assert.That(run.Rules.Single().RuleFailures.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCodes.CompileError, DiagnosticCodes.TooFewCases }));
        Assert.That(run.Failed, Is.EqualTo(1));
    }
}
