using DetectionKit.Engine.Diagnostics;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Testing;

namespace DetectionKit.Tooling.Tests.Testing;

public sealed class FailingCases
{
    [Test]
    public void APositiveCaseTheRuleDoesNotMatchFails()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", "bool Rule(CloudTrailEvent e) => false;\n");

        var run = new RuleTestRunner(rules.Root).Run(accept: true);

        var positive = run.Rules.Single().Cases.Single(c => c.Name == "stop logging");
        Assert.That(positive.Passed, Is.False);
        Assert.That(positive.Failures.Single(), Is.EqualTo("expected the rule to match, but it did not"));
        Assert.That(run.Rules.Single().Cases.Single(c => c.Name == "denied stop logging").Passed, Is.True);
    }

    [Test]
    public void ANegativeCaseTheRuleMatchesFails()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesEverything);

        var run = new RuleTestRunner(rules.Root).Run(accept: true);

        var negative = run.Rules.Single().Cases.Single(c => c.Name == "denied stop logging");
        Assert.That(negative.Failures.Single(), Is.EqualTo("expected no match, but the rule matched"));
    }

    [Test]
    public void ACaseWhoseFunctionThrowsFailsNamingTheScriptLine()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", "bool Rule(CloudTrailEvent e) => e.IsSuccess;\nstring Title(CloudTrailEvent e) => throw new InvalidOperationException(\"boom\");\n");

        var run = new RuleTestRunner(rules.Root).Run(accept: true);

        var positive = run.Rules.Single().Cases.Single(c => c.Name == "stop logging");
        Assert.That(positive.Failures.Single(), Does.StartWith("Title threw at ").And.Contain("rule.csx:2").And.EndWith("InvalidOperationException: boom"));
    }

    [Test]
    public void ACaseWhoseRuleNeverFinishesFailsSayingItWasStopped()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", "bool Rule(CloudTrailEvent e)\n{\n    while (e.IsSuccess) { }\n    return false;\n}\n");

        var run = new RuleTestRunner(rules.Root).Run(accept: true);

        var positive = run.Rules.Single().Cases.Single(c => c.Name == "stop logging");
        Assert.That(positive.Failures, Is.EqualTo(new[]
        {
            "expected the rule to match, but it did not",
            $"Rule was stopped at {Path.GetRelativePath(Environment.CurrentDirectory, rules.PathOf("rule.csx"))}:3:27: it ran more than 100,000 steps (an endless loop?)",
        }));
        Assert.That(run.Rules.Single().Cases.Single(c => c.Name == "denied stop logging").Passed, Is.True, "the other case of the rule still runs");
    }

    [Test]
    public void ARuleThatDoesNotCompileIsOneFailureHoweverManyCasesAndErrorsItHas()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("a-broken", "bool Rule(CloudTrailEvent e) => e.NoSuchProperty && e.NorThis;\n", RuleYaml.Rule("a-broken", tests: RuleYaml.DefaultCases + RuleYaml.Case("third", false, Some.Record(eventName: "StartLogging"))));
        rules.AddRule("b-fine", Scripts.MatchesSuccess);

        var run = new RuleTestRunner(rules.Root).Run(accept: true);

        var broken = run.Rules.Single(r => r.Rule.Id == "a-broken");
        Assert.That(broken.Snapshot, Is.EqualTo(SnapshotOutcome.NotRun));
        Assert.That(broken.Compiled, Is.False);
        Assert.That(broken.Cases, Is.Empty, "no case ran");
        Assert.That(broken.RuleFailures.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCodes.CompileError, DiagnosticCodes.CompileError }));
        Assert.That((broken.FailedCount, run.Failed, run.Passed), Is.EqualTo((1, 1, 2)), "three cases and two errors are still one broken rule");
        Assert.That(rules.Exists("a-broken.verified.json"), Is.False);
        Assert.That(run.Rules.Single(r => r.Rule.Id == "b-fine").Passed, Is.True);
    }

    [Test]
    public void ARuleFileThatDoesNotLoadIsALoadFailure()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("a-broken", Scripts.MatchesSuccess, "id: a-broken\nserverity: high\n");
        rules.AddRule("b-fine", Scripts.MatchesSuccess);

        var run = new RuleTestRunner(rules.Root).Run(accept: true);

        Assert.That(run.Rules.Select(r => r.Rule.Id), Is.EqualTo(new[] { "b-fine" }));
        Assert.That(run.LoadFailures, Is.Not.Empty);
        Assert.That(run.LoadFailures.Select(d => d.Location.Path), Is.All.EqualTo(rules.PathOf("a-broken.yml")));
        Assert.That(run.Succeeded, Is.False);
    }

    [Test]
    public void AFilterTestsOnlyTheRulesItSelects()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("a", "bool Rule(CloudTrailEvent e) => false;\n");
        rules.AddRule("b", Scripts.MatchesSuccess);

        var run = new RuleTestRunner(rules.Root).Run(include: r => r.Id == "b", accept: true);

        Assert.That(run.Rules.Select(r => r.Rule.Id), Is.EqualTo(new[] { "b" }));
        Assert.That(run.Succeeded, Is.True);
        Assert.That(rules.Exists("a.verified.json"), Is.False);
    }
}
