using DetectionKit.Engine.Diagnostics;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Testing;
using DetectionKit.Tooling.Validation;

namespace DetectionKit.Tooling.Tests.Testing;

/// <summary>
/// Cases run with the rule's defaults and their own parameter values; with a settings file, every
/// case also runs under the organisation's values, and what changes is reported, not recorded.
/// </summary>
public sealed class RunningCasesWithParameters
{
    private const string Declarations = """
        parameters:
          knownAccounts: { type: accountIds, description: Accounts trusted on purpose., default: [] }

        """;

    private const string Script = """
        bool Rule(CloudTrailEvent e) => e.IsSuccess && !Parameters.AccountIds("knownAccounts").Contains(e.RecipientAccountId);
        """;

    private static readonly string Cases = RuleYaml.DefaultCases
        + $"  - name: a known account is not alerted\n    expect: false\n    parameters: {{ knownAccounts: [\"{Some.AccountId}\"] }}\n    event: {Some.Record().ToJsonString()}\n";

    [Test]
    public void ACaseRunsWithItsOwnValuesOverTheDefaults()
    {
        using var rules = Rules();

        var run = new RuleTestRunner(rules.Root).Run(accept: true);

        Assert.That(run.Succeeded, Is.True, () => string.Join("\n", run.Rules.SelectMany(r => r.Cases).SelectMany(c => c.Failures)));
        Assert.That(run.Rules.Single().Cases.Select(c => (c.Name, c.Matched)), Is.EqualTo(new[]
        {
            ("stop logging", true), ("denied stop logging", false), ("a known account is not alerted", false),
        }));
        Assert.That(run.Settings, Is.Null);
    }

    [Test]
    public void UnderSettingsTheCasesWhoseVerdictChangesAreReportedAndTheSnapshotStaysTheDefaults()
    {
        using var rules = Rules();
        new RuleTestRunner(rules.Root).Run(accept: true);
        var verified = rules.Read("rule.verified.json");
        var settings = rules.Write("org.settings.yml", $"parameters:\n  knownAccounts: [\"{Some.AccountId}\"]\n");

        var run = new RuleTestRunner(rules.Root, settingsPath: settings).Run();

        Assert.That(run.Succeeded, Is.True, "a verdict the settings change is for a person to read, not a failure");
        var effect = run.Settings!.Effects.Single();
        Assert.That((effect.RuleId, effect.Case.Name, effect.ShippedMatch, effect.SettingsMatch, effect.SuppressedBy), Is.EqualTo(("rule", "stop logging", true, false, (Engine.Rules.RuleSuppression?)null)));
        Assert.That(rules.Read("rule.verified.json"), Is.EqualTo(verified));
        Assert.That(rules.Exists("rule.received.json"), Is.False);
    }

    [Test]
    public void APositiveCaseASuppressionHidesIsReportedWithTheSuppression()
    {
        using var rules = Rules();
        new RuleTestRunner(rules.Root).Run(accept: true);
        var settings = rules.Write("org.settings.yml", "rules:\n  rule:\n    suppressions:\n      - reason: alice is the trail admin\n        principal: arn:aws:iam::*:user/alice\n");

        var run = new RuleTestRunner(rules.Root, settingsPath: settings).Run();

        var effect = run.Settings!.Effects.Single();
        Assert.That(effect.Case.Name, Is.EqualTo("stop logging"));
        Assert.That(effect.HidesPositiveCase, Is.True);
        Assert.That(effect.SuppressedBy!.Reason, Is.EqualTo("alice is the trail admin"));
    }

    [Test]
    public void ACasesOwnValueIsOverTheSettings()
    {
        using var rules = Rules();
        new RuleTestRunner(rules.Root).Run(accept: true);
        var settings = rules.Write("org.settings.yml", "parameters:\n  knownAccounts: [\"444455556666\"]\n");

        var run = new RuleTestRunner(rules.Root, settingsPath: settings).Run();

        Assert.That(run.Settings!.Effects, Is.Empty, "the known-account case still lists its own account");
    }

    [Test]
    public void ErrorsInTheSettingsFailTheRun()
    {
        using var rules = Rules();
        new RuleTestRunner(rules.Root).Run(accept: true);
        var settings = rules.Write("org.settings.yml", "parameters:\n  knownAcounts: []\n");

        var run = new RuleTestRunner(rules.Root, settingsPath: settings).Run();

        Assert.That(run.Succeeded, Is.False);
        Assert.That(run.Settings!.Problems.Single().Code, Is.EqualTo(DiagnosticCodes.SettingsUnknownParameter));
    }

    [Test]
    public void ValidateChecksASettingsFileAgainstTheRules()
    {
        using var rules = Rules();
        new RuleTestRunner(rules.Root).Run(accept: true);
        var settings = rules.Write("org.settings.yml", "rules:\n  rule:\n    suppressions:\n      - reason: typo\n        when: e.EventNam == \"StopLogging\"\n");

        var report = RuleValidation.Validate(rules.Root, settingsPath: settings);

        var problem = report.Diagnostics.Single();
        Assert.That((problem.Code, problem.Location.Path, problem.Location.Line), Is.EqualTo((DiagnosticCodes.CompileError, settings, 5)));
        Assert.That(report.Succeeded, Is.False);
    }

    private static TempRulesDirectory Rules()
    {
        var rules = new TempRulesDirectory();
        rules.AddRule("rule", Script, RuleYaml.Rule("rule", tests: Cases, extra: Declarations));
        return rules;
    }
}
