using DetectionKit.Engine.Diagnostics;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Validation;

namespace DetectionKit.Tooling.Tests.Validation;

public sealed class CheckingCorrelationSteps
{
    private static string Correlation(string generate, string match = "") => $$"""
        id: test.burst
        title: Denied burst
        severity: medium
        correlation:
          type: event_count
          timespan: 10m
          group_by: userIdentity.arn
          condition: { gte: 2 }
          steps:
            - { name: denied, rule: aws.denied }
            - { name: listed, function: Listed{{match}} }
        {{generate}}
        tests: []

        """;

    private static void AddDenied(TempRulesDirectory rules, bool enabled) =>
        rules.AddRule("aws/denied", """bool Rule(CloudTrailEvent e) => e.ErrorCode == "AccessDenied";""", RuleYaml.Rule("aws.denied", extra: enabled ? string.Empty : "enabled: false\n"));

    [Test]
    public void ACorrelationThatSilencesAnEnabledRuleIsWarnedAboutAtItsStep()
    {
        using var rules = new TempRulesDirectory();
        AddDenied(rules, enabled: true);
        rules.AddRule("aws/burst", "bool Listed(CloudTrailEvent e) => true;", Correlation(generate: string.Empty));

        var warning = new SilencedRulesValidator().Validate(rules.Load()).Single();

        Assert.That(warning.Code, Is.EqualTo(DiagnosticCodes.StepRuleSilenced));
        Assert.That(warning.Severity, Is.EqualTo(DiagnosticSeverity.Warning));
        Assert.That(warning.Location.Line, Is.EqualTo(10));
        Assert.That(warning.Message, Does.StartWith("rule aws.denied is enabled but raises no alert of its own"));
    }

    [TestCase(true, "generate: true")]
    [TestCase(false, "")]
    public void AKeptOrDisabledStepRuleIsNoSurprise(bool enabled, string generate)
    {
        using var rules = new TempRulesDirectory();
        AddDenied(rules, enabled);
        rules.AddRule("aws/burst", "bool Listed(CloudTrailEvent e) => true;", Correlation(generate.Length == 0 ? string.Empty : "  " + generate));

        Assert.That(new SilencedRulesValidator().Validate(rules.Load()), Is.Empty);
    }

    [Test]
    public void AFunctionStepsMatchIsCheckedAgainstTheApiCatalog()
    {
        using var rules = new TempRulesDirectory();
        AddDenied(rules, enabled: false);
        rules.AddRule("aws/burst", "bool Listed(CloudTrailEvent e) => true;", Correlation(string.Empty, ", match: { eventSource: iam.amazonaws.com, eventName: ListUsrs }"));

        var problem = new ApiOperationValidator().Validate(rules.Load().Rules.Single(r => r.Id == "test.burst")).Single();

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.UnknownEventName));
        Assert.That(problem.Message, Does.Contain("'ListUsrs'").And.Contain("did you mean 'ListUsers'?"));
        Assert.That(problem.Location.Line, Is.EqualTo(11));
    }
}
