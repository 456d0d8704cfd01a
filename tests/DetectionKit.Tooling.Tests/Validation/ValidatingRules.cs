using DetectionKit.Engine.Diagnostics;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Testing;
using DetectionKit.Tooling.Validation;

namespace DetectionKit.Tooling.Tests.Validation;

public sealed class ValidatingRules
{
    [Test]
    public void ACompleteRulePasses()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("pack/rule", Scripts.MatchesSuccess);
        new RuleTestRunner(rules.Root).Run(accept: true);

        var report = RuleValidation.Validate(rules.Root);

        Assert.That(report.Diagnostics, Is.Empty);
        Assert.That((report.RuleFiles, report.ValidRules, report.Errors), Is.EqualTo((1, 1, 0)));
        Assert.That(report.Succeeded, Is.True);
    }

    [Test]
    public void ADisabledRuleWithNoCasesYetIsAWarningAndNeedsNoSnapshot()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("imported", Scripts.MatchesSuccess, RuleYaml.Rule("imported", extra: "enabled: false\n", tests: " []\n"));
        var run = new RuleTestRunner(rules.Root).Run();

        var report = RuleValidation.Validate(rules.Root);

        var warning = report.Diagnostics.Single();
        Assert.That((warning.Code, warning.IsError), Is.EqualTo((DiagnosticCodes.NoPositiveCase, false)));
        Assert.That(warning.Message, Does.Contain("disabled and has no cases yet").And.Contain("enabled: true"));
        Assert.That(report.Succeeded, Is.True);
        Assert.That((run.Passed, run.Failed), Is.EqualTo((0, 0)));
        Assert.That(Directory.GetFiles(rules.Root, "*.json"), Is.Empty, "no snapshot is recorded or received for a rule without cases");
    }

    [Test]
    public void AnEnabledRuleWithNoCasesFailsTheGate()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("imported", Scripts.MatchesSuccess, RuleYaml.Rule("imported", tests: " []\n"));

        var report = RuleValidation.Validate(rules.Root);

        Assert.That(report.Diagnostics.Where(d => d.IsError).Select(d => d.Code), Is.EquivalentTo(new[] { DiagnosticCodes.NoPositiveCase, DiagnosticCodes.NoNegativeCase }));
        Assert.That(report.Succeeded, Is.False);
    }

    [Test]
    public void ARuleWithoutAPositiveCaseIsReported()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", tests: RuleYaml.Case("denied", false, Some.Record(errorCode: "AccessDenied"))));
        new RuleTestRunner(rules.Root).Run(accept: true);

        var report = RuleValidation.Validate(rules.Root);

        var missing = report.Diagnostics.Single();
        Assert.That(missing.Code, Is.EqualTo(DiagnosticCodes.NoPositiveCase));
        Assert.That(missing.Location, Is.EqualTo(new SourceLocation(rules.PathOf("rule.yml"), 6, 1)), "at the tests key");
        Assert.That(missing.Message, Does.Contain("expect: true"));
        Assert.That(report.ValidRules, Is.Zero);
    }

    [Test]
    public void ARuleWithoutANegativeCaseIsReported()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", tests: RuleYaml.Case("stop", true, Some.Record())));
        new RuleTestRunner(rules.Root).Run(accept: true);

        var missing = RuleValidation.Validate(rules.Root).Diagnostics.Single();

        Assert.That(missing.Code, Is.EqualTo(DiagnosticCodes.NoNegativeCase));
        Assert.That(missing.Message, Does.Contain("expect: false"));
    }

    [Test]
    public void ARuleWithoutAVerifiedSnapshotIsReported()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess);

        var report = RuleValidation.Validate(rules.Root);

        var missing = report.Diagnostics.Single();
        Assert.That(missing.Code, Is.EqualTo(DiagnosticCodes.SnapshotMissing));
        Assert.That(missing.Location.Line, Is.EqualTo(1));
        Assert.That(missing.Message, Does.Contain("rule.verified.json").And.Contain("--filter rule --accept"));
        Assert.That(report.Succeeded, Is.False);
    }

    [Test]
    public void EveryProblemOfEveryRuleIsReportedInFileOrder()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("a-broken", "bool Rule(CloudTrailEvent e) => e.NoSuchProperty;\n");
        rules.AddRule("b-misspelled", Scripts.MatchesSuccess, "id: b\ntitle: x\nserverity: high\ntests:\n" + RuleYaml.DefaultCases);
        rules.AddRule("c-one-sided", Scripts.MatchesSuccess, RuleYaml.Rule("c", tests: RuleYaml.Case("stop", true, Some.Record())));
        rules.AddRule("d-fine", Scripts.MatchesSuccess);
        new RuleTestRunner(rules.Root).Run(include: r => r.Id == "d-fine", accept: true);

        var report = RuleValidation.Validate(rules.Root);

        var found = report.Diagnostics.Select(d => (Path.GetFileName(d.Location.Path), d.Code)).ToList();
        Assert.That(found, Is.EqualTo(new[]
        {
            ("a-broken.csx", DiagnosticCodes.CompileError),
            ("a-broken.yml", DiagnosticCodes.SnapshotMissing),
            ("b-misspelled.yml", DiagnosticCodes.UnknownKey),
            ("c-one-sided.yml", DiagnosticCodes.SnapshotMissing),
            ("c-one-sided.yml", DiagnosticCodes.NoNegativeCase),
        }), () => string.Join("\n", report.Diagnostics));
        Assert.That((report.RuleFiles, report.ValidRules), Is.EqualTo((4, 1)));
    }

    [Test]
    public void TheValidatorsToRunCanBeChosen()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess);

        var report = RuleValidation.Validate(rules.Root, [new CaseGateValidator()]);

        Assert.That(report.Succeeded, Is.True, "no snapshot check was asked for");
    }
}
