using DetectionKit.Engine.Diagnostics;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Loading;

public sealed class ReportingRuleFileMistakes
{
    [Test]
    public void DuplicateCaseNamesAreReportedAtTheSecondName()
    {
        using var rules = new TempRulesDirectory();
        var tests = RuleYaml.Case("same", true, Some.Record()) + RuleYaml.Case("same", false, Some.Record(errorCode: "AccessDenied"));
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", tests: tests));

        var loaded = rules.Load();

        // The case fails test and validate; the rule itself still loads to run.
        Assert.That(loaded.Rules.Single().Tests.Select(t => t.Name), Is.EqualTo(new[] { "same" }));
        var duplicate = loaded.Diagnostics.Single();
        Assert.That(duplicate.Code, Is.EqualTo(DiagnosticCodes.DuplicateCaseName));
        Assert.That(duplicate.Location.Line, Is.EqualTo(10));
        Assert.That(duplicate.Message, Does.Contain("'same'").And.Contain("line 7"));
        Assert.That(duplicate.RuleId, Is.EqualTo("rule"));
    }

    [Test]
    public void AMissingScriptIsReportedAtTheId()
    {
        using var rules = new TempRulesDirectory();
        rules.Write("rule.yml", RuleYaml.Rule("rule"));

        var loaded = rules.Load();

        Assert.That(loaded.Rules, Is.Empty);
        var missing = loaded.Diagnostics.Single();
        Assert.That(missing.Code, Is.EqualTo(DiagnosticCodes.ScriptMissing));
        Assert.That(missing.Location, Is.EqualTo(new SourceLocation(rules.PathOf("rule.yml"), 1, 1)));
        Assert.That(missing.Message, Does.Contain("rule.csx").And.Contain("bool Rule(CloudTrailEvent e)"));
    }

    [Test]
    public void AMissingNamedScriptIsReportedAtTheScriptKey()
    {
        using var rules = new TempRulesDirectory();
        rules.Write("rule.yml", RuleYaml.Rule("rule", extra: "script: elsewhere.csx\n"));

        var missing = rules.Load().Diagnostics.Single();

        Assert.That(missing.Code, Is.EqualTo(DiagnosticCodes.ScriptMissing));
        Assert.That(missing.Location.Line, Is.EqualTo(6));
    }

    [Test]
    public void ACaseFileThatDoesNotExistIsReportedAtTheFileKey()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", tests: RuleYaml.FileCase("recorded", true, "cases/missing.json")));

        var loaded = rules.Load();

        Assert.That(loaded.Rules.Single().Tests, Is.Empty, "the rule loads to run, without the case it cannot read");
        var missing = loaded.Diagnostics.Single();
        Assert.That(missing.Code, Is.EqualTo(DiagnosticCodes.CaseFileUnreadable));
        Assert.That(missing.Location.Line, Is.EqualTo(9));
        Assert.That(missing.Message, Does.Contain("missing.json").And.Contain("does not exist"));
    }

    [Test]
    public void ACaseFileThatIsNotJsonIsReported()
    {
        using var rules = new TempRulesDirectory();
        rules.Write("cases/broken.json", "{ \"eventName\": ");
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", tests: RuleYaml.FileCase("recorded", true, "cases/broken.json")));

        var problem = rules.Load().Diagnostics.Single();

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.CaseFileUnreadable));
        Assert.That(problem.Message, Does.Contain("broken.json").And.Contain("not valid JSON"));
    }

    [Test]
    public void AnEmptyCaseFileIsReported()
    {
        using var rules = new TempRulesDirectory();
        rules.Write("cases/empty.json", "[]");
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", tests: RuleYaml.FileCase("recorded", true, "cases/empty.json")));

        var problem = rules.Load().Diagnostics.Single();

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.CaseFileUnreadable));
        Assert.That(problem.Message, Does.Contain("holds no CloudTrail record"));
    }
}
