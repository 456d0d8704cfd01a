using DetectionKit.Engine.Diagnostics;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Loading;

public sealed class ReportingSchemaViolations
{
    [Test]
    public void AMisspelledKeyIsReportedAtItsLineWithTheKeyItMeant()
    {
        var problems = Problems("id: rule\ntitle: Trail stopped\nserverity: high\ntests:\n" + RuleYaml.DefaultCases);

        var unknown = problems.Single(d => d.Code == DiagnosticCodes.UnknownKey);
        Assert.That(Path.GetFileName(unknown.Location.Path), Is.EqualTo("rule.yml"));
        Assert.That((unknown.Location.Line, unknown.Location.Column), Is.EqualTo((3, 1)));
        Assert.That(unknown.Message, Does.Contain("'serverity'").And.Contain("did you mean 'severity'?"));
    }

    [Test]
    public void AnUnknownKeyInACaseListsTheKeysACaseTakes()
    {
        var tests = RuleYaml.DefaultCases + "  - name: third\n    expect: false\n    event: {}\n    comment: nothing like a known key\n";

        var unknown = Problems(RuleYaml.Rule("rule", tests: tests)).Single();

        Assert.That(unknown.Code, Is.EqualTo(DiagnosticCodes.UnknownKey));
        Assert.That(unknown.Location.Line, Is.EqualTo(16));
        Assert.That(unknown.Message, Is.EqualTo("unknown key 'comment' in 'tests.2' (known keys: name, expect, event, events, file, parameters)"));
    }

    [Test]
    public void OneMistakeIsOneDiagnostic()
    {
        // Every case here uses 'event', not 'file', and 'eventName' is a string, not a list: the
        // branches of the schema's oneOf/anyOf that these do not take must not be reported.
        var problems = Problems(RuleYaml.Rule("rule", severity: "urgent"));

        Assert.That(problems, Has.Count.EqualTo(1), () => string.Join("\n", problems));
    }

    [Test]
    public void AMissingRequiredKeyIsReported()
    {
        var missing = Problems("id: rule\nseverity: high\ntests:\n" + RuleYaml.DefaultCases).Single();

        Assert.That(missing.Code, Is.EqualTo(DiagnosticCodes.SchemaViolation));
        Assert.That(missing.Message, Is.EqualTo("the rule is missing required key(s) [\"title\"]"));
    }

    [Test]
    public void ABadSeverityIsReportedWithTheAllowedValues()
    {
        var bad = Problems(RuleYaml.Rule("rule", severity: "urgent")).Single();

        Assert.That(bad.Code, Is.EqualTo(DiagnosticCodes.SchemaViolation));
        Assert.That(bad.Location.Line, Is.EqualTo(3));
        Assert.That(bad.Message, Is.EqualTo("'severity' must be one of \"info\", \"low\", \"medium\", \"high\", \"critical\""));
    }

    [Test]
    public void AnIdWithASpaceIsReportedWithThePattern()
    {
        var bad = Problems(RuleYaml.Rule("my rule")).Single();

        Assert.That(bad.Location.Line, Is.EqualTo(1));
        Assert.That(bad.Message, Is.EqualTo("'id' is 'my rule', which does not match the pattern ^[A-Za-z0-9._-]+$"));
    }

    [Test]
    public void AMitreIdInAListIsReportedAtItsItem()
    {
        var bad = Problems(RuleYaml.Rule("rule", extra: "mitre:\n  - T1562.008\n  - X1\n")).Single();

        Assert.That(bad.Location.Line, Is.EqualTo(8));
        Assert.That(bad.Message, Does.StartWith("'mitre.1' is 'X1', which does not match the pattern ^T[0-9]{4}"));
    }

    [Test]
    public void ACaseWithNeitherEventNorFileNeedsOne()
    {
        var bad = Problems(RuleYaml.Rule("rule", tests: RuleYaml.DefaultCases + "  - name: empty\n    expect: false\n")).Single();

        Assert.That(bad.Location.Line, Is.EqualTo(13));
        Assert.That(bad.Message, Is.EqualTo("'tests.2' needs exactly one of 'event' (inline record) or 'file' (path to a record file)"));
    }

    [Test]
    public void ACaseWithBothEventAndFileNeedsExactlyOne()
    {
        var bad = Problems(RuleYaml.Rule("rule", tests: RuleYaml.DefaultCases + "  - name: both\n    expect: false\n    event: {}\n    file: a.json\n")).Single();

        Assert.That(bad.Message, Does.Contain("needs exactly one of 'event'"));
    }

    [Test]
    public void AnEventNameThatIsANumberMustBeAStringOrAList()
    {
        var bad = Problems(RuleYaml.Rule("rule", match: "eventName: 5")).Single();

        Assert.That(bad.Location.Line, Is.EqualTo(5));
        Assert.That(bad.Message, Is.EqualTo("'match.eventName' must be a string or a non-empty list of strings"));
    }

    [Test]
    public void AThresholdBelowOneIsReported()
    {
        var bad = Problems(RuleYaml.Rule("rule", extra: "threshold: 0\n")).Single();

        Assert.That(bad.Location.Line, Is.EqualTo(6));
        Assert.That(bad.Message, Does.StartWith("'threshold':"));
    }

    [Test]
    public void AFileThatIsNotAMappingIsReported()
    {
        var bad = Problems("- just\n- a list\n").Single();

        Assert.That(bad.Code, Is.EqualTo(DiagnosticCodes.SchemaViolation));
        Assert.That(bad.Location.Line, Is.EqualTo(1));
    }

    [Test]
    public void EveryMistakeInAFileIsReportedTogether()
    {
        var problems = Problems("id: rule\ntitle: Trail stopped\nserverity: high\nenable: false\ntests:\n" + RuleYaml.DefaultCases);

        Assert.That(problems.Count(d => d.Code == DiagnosticCodes.UnknownKey), Is.EqualTo(2));
        Assert.That(problems.Count(d => d.Code == DiagnosticCodes.SchemaViolation), Is.Zero, "'serverity' already suggests 'severity': the missing key is not reported again");
    }

    private static IReadOnlyList<Diagnostic> Problems(string yaml)
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess, yaml);
        var loaded = rules.Load();
        Assert.That(loaded.Rules, Is.Empty, "a rule with a schema violation does not load");
        return loaded.Diagnostics;
    }
}
