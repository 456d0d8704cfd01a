using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Scripting;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Evaluation;

public sealed class EvaluatingARule
{
    [Test]
    public void WithoutOutputFunctionsTheTitleIsTheYamlTitleAndTheDedupKeyTheTitle()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", title: "CloudTrail logging stopped", severity: "medium"));
        var rule = rules.CompileSingle();

        var outcome = RuleEvaluator.Evaluate(rule, Some.Event(Some.Record()));

        Assert.That(outcome.Matched, Is.True);
        Assert.That(outcome.Errors, Is.Empty);
        var detection = outcome.Detection!;
        Assert.Multiple(() =>
        {
            Assert.That(detection.RuleId, Is.EqualTo("rule"));
            Assert.That(detection.Title, Is.EqualTo("CloudTrail logging stopped"));
            Assert.That(detection.DedupKey, Is.EqualTo("CloudTrail logging stopped"));
            Assert.That(detection.Severity, Is.EqualTo(AlertSeverity.Medium));
            Assert.That(detection.Context, Is.Null);
            Assert.That(detection.EventId, Is.EqualTo("00000000-0000-4000-8000-000000000001"));
            Assert.That(detection.EventTime, Is.EqualTo(DateTimeOffset.Parse(Some.EventTime, System.Globalization.CultureInfo.InvariantCulture)));
        });
    }

    [Test]
    public void ANonMatchingEventIsNoMatch()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess);
        var rule = rules.CompileSingle();

        var outcome = RuleEvaluator.Evaluate(rule, Some.Event(Some.Record(errorCode: "AccessDenied")));

        Assert.That(outcome, Is.SameAs(RuleOutcome.NoMatch));
    }

    [Test]
    public void TheMatchBlockFiltersBeforeTheScriptRuns()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", "bool Rule(CloudTrailEvent e) => throw new InvalidOperationException(\"must not run\");\n");
        var rule = rules.CompileSingle();

        var outcome = RuleEvaluator.Evaluate(rule, Some.Event(Some.Record("CreateUser", "iam.amazonaws.com")));

        Assert.That(outcome, Is.SameAs(RuleOutcome.NoMatch));
    }

    [Test]
    public void TitleAndDedupFunctionsOverrideTheDefaults()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", """
            bool Rule(CloudTrailEvent e) => true;
            string Title(CloudTrailEvent e) => $"Trail {e.RequestParameter("name")} stopped by {e.ActorName}";
            string Dedup(CloudTrailEvent e) => e.RecipientAccountId;
            """);

        var detection = RuleEvaluator.Evaluate(rules.CompileSingle(), Some.Event(Some.Record())).Detection!;

        Assert.That(detection.Title, Is.EqualTo("Trail prod-trail stopped by alice"));
        Assert.That(detection.DedupKey, Is.EqualTo(Some.AccountId));
    }

    [Test]
    public void AnEmptyTitleFallsBackToTheYamlTitle()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", "bool Rule(CloudTrailEvent e) => true;\nstring Title(CloudTrailEvent e) => \"\";\n");

        var detection = RuleEvaluator.Evaluate(rules.CompileSingle(), Some.Event(Some.Record())).Detection!;

        Assert.That(detection.Title, Is.EqualTo("Trail stopped"));
    }

    [Test]
    public void TheSeverityFunctionOverridesTheYamlSeverity()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", "bool Rule(CloudTrailEvent e) => true;\nstring Severity(CloudTrailEvent e) => e.IsRoot ? \"critical\" : null;\n");
        var rule = rules.CompileSingle();

        var byRoot = RuleEvaluator.Evaluate(rule, Some.Event(Some.Record(userIdentity: Some.Root()))).Detection!;
        var byUser = RuleEvaluator.Evaluate(rule, Some.Event(Some.Record())).Detection!;

        Assert.That(byRoot.Severity, Is.EqualTo(AlertSeverity.Critical));
        Assert.That(byUser.Severity, Is.EqualTo(AlertSeverity.High), "null keeps the YAML severity");
    }

    [Test]
    public void AnInvalidSeverityIsReportedAndTheYamlSeverityKept()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", "bool Rule(CloudTrailEvent e) => true;\nstring Severity(CloudTrailEvent e) => \"urgent\";\n");

        var outcome = RuleEvaluator.Evaluate(rules.CompileSingle(), Some.Event(Some.Record()));

        Assert.That(outcome.Detection!.Severity, Is.EqualTo(AlertSeverity.High));
        var error = outcome.Errors.Single();
        Assert.That(error.Function, Is.EqualTo("Severity"));
        Assert.That(error.Message, Does.Contain("'urgent'").And.Contain("info, low, medium, high or critical"));
        Assert.That(error.ToDiagnostic().Code, Is.EqualTo(DiagnosticCodes.RuleException));
    }

    [Test]
    public void ANumericSeverityIsInvalid()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", "bool Rule(CloudTrailEvent e) => true;\nstring Severity(CloudTrailEvent e) => \"3\";\n");

        var outcome = RuleEvaluator.Evaluate(rules.CompileSingle(), Some.Event(Some.Record()));

        Assert.That(outcome.Errors.Single().Function, Is.EqualTo("Severity"));
    }

    [Test]
    public void AnAnonymousObjectContextIsSerialised()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", """
            bool Rule(CloudTrailEvent e) => true;
            object AlertContext(CloudTrailEvent e) => new { trail = e.RequestParameter("name"), actor = e.ActorName, count = 2, root = e.IsRoot };
            """);

        var context = RuleEvaluator.Evaluate(rules.CompileSingle(), Some.Event(Some.Record())).Detection!.Context;

        Assert.That(context!.ToJsonString(), Is.EqualTo("""{"trail":"prod-trail","actor":"alice","count":2,"root":false}"""));
    }

    [Test]
    public void ADictionaryContextIsSerialised()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", """
            bool Rule(CloudTrailEvent e) => true;
            Dictionary<string, object> AlertContext(CloudTrailEvent e) => new() { ["region"] = e.AwsRegion, ["ports"] = new[] { 22, 3389 } };
            """);

        var context = RuleEvaluator.Evaluate(rules.CompileSingle(), Some.Event(Some.Record())).Detection!.Context;

        Assert.That(context!.ToJsonString(), Is.EqualTo("""{"region":"us-east-1","ports":[22,3389]}"""));
    }

    [Test]
    public void ANullContextIsNoContext()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", "bool Rule(CloudTrailEvent e) => true;\nobject AlertContext(CloudTrailEvent e) => null;\n");

        var outcome = RuleEvaluator.Evaluate(rules.CompileSingle(), Some.Event(Some.Record()));

        Assert.That(outcome.Errors, Is.Empty);
        Assert.That(outcome.Detection!.Context, Is.Null);
    }
}
