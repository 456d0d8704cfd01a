using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Running;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Settings;

/// <summary>
/// Suppressions keep judged matches out of the alert state, counted by rule and reason; their
/// <c>when</c> expressions compile with the rule, through the allow-list and the budget, and their
/// mistakes are reported at the settings file's lines.
/// </summary>
public sealed class SuppressingMatches
{
    [Test]
    public async Task AMatchOfASuppressedPrincipalIsCountedAndRaisesNoAlert()
    {
        using var rules = OrganisationRules.Create();
        var ruleSet = Build(rules, """
            rules:
              trust:
                suppressions:
                  - reason: alice rotates the trail (OPS-12)
                    principal: arn:aws:iam::*:user/ali*
              egress:
                enabled: false
            """).RuleSet;
        var alice = Some.Record(eventId: "00000000-0000-4000-8000-0000000000a1");
        var bob = Some.Record(userIdentity: Some.IamUser("bob"), eventId: "00000000-0000-4000-8000-0000000000b1");

        var (summary, alerts) = await Pipeline.RunAsync(ruleSet, Pipeline.Stdin(Some.JsonLines(alice, bob)));

        Assert.That(alerts.Select(a => a.EventId), Is.EqualTo(new[] { "00000000-0000-4000-8000-0000000000b1" }));
        Assert.That(summary.Matches, Is.EqualTo(1));
        Assert.That(summary.Suppressed, Is.EqualTo(new[] { new SuppressedMatches("trust", "alice rotates the trail (OPS-12)", 1) }));
    }

    [Test]
    public void ThePrincipalMayBeTheSessionIssuerOfAnAssumedRole()
    {
        var outcome = Evaluate("principal: arn:aws:iam::111122223333:role/terraform", Some.Record(userIdentity: Some.AssumedRole("terraform", "ci-4711")));

        Assert.That(outcome.SuppressedBy?.Reason, Is.EqualTo("judged"));
        Assert.That(outcome.Detection, Is.Null);
    }

    [Test]
    public void EveryFieldOfASuppressionMustHold()
    {
        var fieldsHold = Evaluate($"principal: arn:aws:iam::*:user/alice\n        account: \"{Some.AccountId}\"\n        region: us-*", Some.Record());
        var regionDoesNot = Evaluate("principal: arn:aws:iam::*:user/alice\n        region: eu-*", Some.Record());

        Assert.That(fieldsHold.SuppressedBy, Is.Not.Null);
        Assert.That(regionDoesNot.SuppressedBy, Is.Null);
        Assert.That(regionDoesNot.Detection, Is.Not.Null);
    }

    [Test]
    public void AWhenExpressionReadsTheEvent()
    {
        var prod = Evaluate("when: e.RequestParameter(\"name\") == \"prod-trail\"", Some.Record());
        var other = Some.Record();
        other["requestParameters"]!["name"] = "audit-trail";

        Assert.That(prod.SuppressedBy, Is.Not.Null);
        Assert.That(Evaluate("when: e.RequestParameter(\"name\") == \"prod-trail\"", other).SuppressedBy, Is.Null);
    }

    [Test]
    public void AWhenThatDoesNotCompileIsReportedAtTheSettingsFile()
    {
        using var rules = OrganisationRules.Create();

        var loaded = Build(rules, "rules:\n  trust:\n    suppressions:\n      - reason: typo\n        when: e.EventNam == \"StopLogging\"\n", expectProblems: true);

        var problem = loaded.SettingsProblems.Single();
        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.CompileError));
        Assert.That(problem.Location, Is.EqualTo(new SourceLocation(rules.PathOf("org.settings.yml"), 5, 17)));
        Assert.That(problem.Message, Does.Contain("'CloudTrailEvent' does not contain a definition for 'EventNam'"));
        Assert.That(loaded.HasSettingsErrors, Is.True);
    }

    [Test]
    public void AMistakeOnTheSecondLineOfAWhenBlockIsReportedAtItsOwnLineAndColumn()
    {
        using var rules = OrganisationRules.Create();

        var loaded = Build(rules, "rules:\n  trust:\n    suppressions:\n      - reason: typo\n        when: |\n          e.EventName == \"StopLogging\"\n            && e.Nope\n", expectProblems: true);

        Assert.That(loaded.SettingsProblems.Single().Location, Is.EqualTo(new SourceLocation(rules.PathOf("org.settings.yml"), 7, 18)));
    }

    [Test]
    public void AWhenGoesThroughTheAllowList()
    {
        using var rules = OrganisationRules.Create();

        var loaded = Build(rules, "rules:\n  trust:\n    suppressions:\n      - reason: sneaky\n        when: System.IO.File.Exists(\"/tmp/quiet\")\n", expectProblems: true);

        var problem = loaded.SettingsProblems.Single();
        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.ApiRefused));
        Assert.That((problem.Location.Line, problem.Location.Column), Is.EqualTo((5, 15)));
    }

    [Test]
    public void AWhenThatThrowsSuppressesNothingAndIsReportedAtTheSettingsFile()
    {
        using var rules = OrganisationRules.Create();
        var trust = Build(rules, "rules:\n  trust:\n    suppressions:\n      - reason: agentless\n        when: e.Get(\"userAgentDetail\").Length > 0\n").RuleSet.Rules.Single(r => r.Id == "trust");

        var outcome = RuleEvaluator.Evaluate(trust, Some.Event(Some.Record()));

        Assert.That(outcome.Detection, Is.Not.Null, "the match still alerts");
        var error = outcome.Errors.Single().ToDiagnostic();
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.RuleException));
        Assert.That(error.Location, Is.EqualTo(new SourceLocation(rules.PathOf("org.settings.yml"), 5, 15)));
        Assert.That(error.Message, Does.StartWith("trust: the 'when' of suppression 'agentless' threw on event").And.EndWith("the match was not suppressed"));
    }

    [Test]
    public void AWhenThatRunsAwayIsStoppedByTheSettingsBudget()
    {
        using var rules = OrganisationRules.Create();
        var loaded = Build(rules, "budget:\n  steps: 1000\nrules:\n  trust:\n    suppressions:\n      - reason: spins\n        when: e.EventName.All(c => { while (true) { } })\n");
        var trust = loaded.RuleSet.Rules.Single(r => r.Id == "trust");

        var outcome = RuleEvaluator.Evaluate(trust, Some.Event(Some.Record()), loaded.RuleSet.Budget);

        Assert.That(outcome.Detection, Is.Not.Null);
        var error = outcome.Errors.Single();
        Assert.That((error.Stopped, error.Message), Is.EqualTo((true, "ran more than 1,000 steps (an endless loop?); the match was not suppressed")));
    }

    private static RuleOutcome Evaluate(string fields, System.Text.Json.Nodes.JsonObject record)
    {
        using var rules = OrganisationRules.Create();
        var trust = Build(rules, $"rules:\n  trust:\n    suppressions:\n      - reason: judged\n        {fields}\n").RuleSet.Rules.Single(r => r.Id == "trust");
        return RuleEvaluator.Evaluate(trust, Some.Event(record));
    }

    private static LoadedRules Build(TempRulesDirectory rules, string settings, bool expectProblems = false)
    {
        var path = rules.Write("org.settings.yml", settings);
        var loaded = RuleSetBuilder.Build(rules.Root, settingsPath: path);
        if (!expectProblems)
        {
            Assert.That(loaded.Diagnostics, Is.Empty);
        }

        return loaded;
    }
}
