using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Evaluation;

public sealed class IsolatingRuleExceptions
{
    [Test]
    public void AnExceptionInRuleIsAnErrorAtTheScriptLineAndNoMatch()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", """
            bool Rule(CloudTrailEvent e)
            {
                if (e.IsSuccess) throw new InvalidOperationException("boom");
                return false;
            }
            """);
        var rule = rules.CompileSingle();

        var outcome = RuleEvaluator.Evaluate(rule, Some.Event(Some.Record()));

        Assert.That(outcome.Matched, Is.False);
        Assert.That(outcome.Detection, Is.Null);
        var error = outcome.Errors.Single();
        Assert.Multiple(() =>
        {
            Assert.That(error.RuleId, Is.EqualTo("rule"));
            Assert.That(error.Function, Is.EqualTo("Rule"));
            Assert.That(error.Message, Is.EqualTo("InvalidOperationException: boom"));
            Assert.That(error.ScriptLocation.Path, Is.EqualTo(rules.PathOf("rule.csx")));
            Assert.That(error.ScriptLocation.Line, Is.EqualTo(3));
            Assert.That(error.EventId, Is.EqualTo("00000000-0000-4000-8000-000000000001"));
        });
    }

    [Test]
    public void ANullDereferenceIsLocatedAtItsLine()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", """
            bool Rule(CloudTrailEvent e)
            {
                var policy = e.RequestParameter("policyDocument");
                return policy.Contains("*");
            }
            """);

        var error = RuleEvaluator.Evaluate(rules.CompileSingle(), Some.Event(Some.Record())).Errors.Single();

        Assert.That(error.Message, Does.StartWith("NullReferenceException"));
        Assert.That(error.ScriptLocation.Line, Is.EqualTo(4));
    }

    [Test]
    public void AnErrorBecomesADiagnosticNamingTheFunctionAndEvent()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", "bool Rule(CloudTrailEvent e) => throw new InvalidOperationException(\"boom\");\n");

        var diagnostic = RuleEvaluator.Evaluate(rules.CompileSingle(), Some.Event(Some.Record())).Errors.Single().ToDiagnostic();

        Assert.That(diagnostic.Code, Is.EqualTo(DiagnosticCodes.RuleException));
        Assert.That(diagnostic.RuleId, Is.EqualTo("rule"));
        Assert.That(diagnostic.Message, Is.EqualTo("rule: Rule threw on event 00000000-0000-4000-8000-000000000001: InvalidOperationException: boom"));
        Assert.That(diagnostic.Location.Line, Is.EqualTo(1));
    }

    [Test]
    public void AnExceptionInTitleFallsBackToTheDefaultTitleAndStillDetects()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", """
            bool Rule(CloudTrailEvent e) => true;

            string Title(CloudTrailEvent e) => "Stopped " + e.RequestParameter("missing").ToUpperInvariant();
            """);

        var outcome = RuleEvaluator.Evaluate(rules.CompileSingle(), Some.Event(Some.Record()));

        Assert.That(outcome.Matched, Is.True);
        Assert.That(outcome.Detection!.Title, Is.EqualTo("Trail stopped"));
        Assert.That(outcome.Detection.DedupKey, Is.EqualTo("Trail stopped"));
        var error = outcome.Errors.Single();
        Assert.That(error.Function, Is.EqualTo("Title"));
        Assert.That(error.ScriptLocation.Line, Is.EqualTo(3));
    }

    [Test]
    public void AnExceptionInAlertContextLeavesTheContextOutButStillDetects()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", """
            bool Rule(CloudTrailEvent e) => true;
            string Title(CloudTrailEvent e) => "custom";
            object AlertContext(CloudTrailEvent e) => throw new FormatException("bad");
            """);

        var outcome = RuleEvaluator.Evaluate(rules.CompileSingle(), Some.Event(Some.Record()));

        Assert.That(outcome.Detection!.Title, Is.EqualTo("custom"));
        Assert.That(outcome.Detection.Context, Is.Null);
        Assert.That(outcome.Errors.Single().Function, Is.EqualTo("AlertContext"));
    }

    [Test]
    public void AContextThatCannotBeSerialisedIsAnError()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", """
            bool Rule(CloudTrailEvent e) => true;
            object AlertContext(CloudTrailEvent e) => new { cyclic = Cyclic() };
            static object Cyclic() { var list = new List<object>(); list.Add(list); return list; }
            """);

        var outcome = RuleEvaluator.Evaluate(rules.CompileSingle(), Some.Event(Some.Record()));

        Assert.That(outcome.Matched, Is.True);
        Assert.That(outcome.Errors.Single().Function, Is.EqualTo("AlertContext"));
    }
}
