using System.Reflection;
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

    [Test]
    public void AThrowDeepInHelpersOfAnOptimisedScriptIsLocatedAtItsLine()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", """
            bool Rule(CloudTrailEvent e) => Outer(e.EventName) > 0;

            static int Outer(string name) => Middle(name) + 1;

            static int Middle(string name) => Inner(name) * 2;

            static int Inner(string name) =>
                name.Length > 3 ? throw new ArgumentException("too long") : name.Length;
            """);

        var error = RuleEvaluator.Evaluate(rules.CompileSingle(), Some.Event(Some.Record())).Errors.Single();

        Assert.That(error.ScriptLocation.Line, Is.EqualTo(8));
    }

    [Test]
    public void AThrowInALambdaOfAnOptimisedScriptIsLocatedAtItsLine()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", """
            bool Rule(CloudTrailEvent e)
            {
                var names = new[] { "a", e.EventName };
                return names.Select(n =>
                    n.Length > 3 ? throw new InvalidOperationException(n) : n).Any(n => n == "b");
            }
            """);

        var error = RuleEvaluator.Evaluate(rules.CompileSingle(), Some.Event(Some.Record())).Errors.Single();

        Assert.That(error.ScriptLocation.Line, Is.EqualTo(5));
    }

    [Test]
    public void EveryFunctionOfAnOptimisedScriptIsKeptOutOfItsCallers()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", """
            bool Rule(CloudTrailEvent e)
            {
                bool Local(string s) => s.Length > 1;
                return Helper(e) && new[] { e.EventName }.Any(n => Local(n)) && Size > 0;
            }

            static bool Helper(CloudTrailEvent e) => e.IsSuccess;

            int Size => 2;
            """);

        var type = rules.CompileSingle().Functions.Rule.Method.DeclaringType!;
        var methods = type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly)
            .Concat(type.GetNestedTypes(BindingFlags.NonPublic).SelectMany(t => t.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)))
            .Where(m => m.Name.Contains("Rule", StringComparison.Ordinal) || m.Name.Contains("Local", StringComparison.Ordinal) || m.Name.Contains("Helper", StringComparison.Ordinal) || m.Name.Contains("Size", StringComparison.Ordinal) || m.Name.Contains("b__", StringComparison.Ordinal))
            .ToList();

        Assert.That(methods.Select(m => m.Name), Has.Some.Contains("Local").And.Some.Contains("b__").And.Some.EqualTo("get_Size").And.Some.EqualTo("Helper"));
        Assert.That(methods.Where(m => !m.MethodImplementationFlags.HasFlag(MethodImplAttributes.NoInlining)).Select(m => m.Name), Is.Empty);
    }

    [Test]
    public void AFunctionWithALoopIsLeftUnoptimisedSoThatAStopInItKeepsItsLine()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", """
            bool Rule(CloudTrailEvent e) => Count(e.EventName) > 0 && new[] { e.EventName }.Any(n => n.Length > 0);

            static int Count(string name)
            {
                var n = 0;
                for (var i = 0; i < name.Length; i++) { n++; }
                return n;
            }
            """);

        var type = rules.CompileSingle().Functions.Rule.Method.DeclaringType!;
        var flags = (BindingFlags.Static | BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);

        Assert.That(type.GetMethod("Count", flags)!.MethodImplementationFlags, Is.EqualTo(MethodImplAttributes.NoInlining | MethodImplAttributes.NoOptimization));
        Assert.That(type.GetMethod("Rule", flags)!.MethodImplementationFlags, Is.EqualTo(MethodImplAttributes.NoInlining));
    }
}
