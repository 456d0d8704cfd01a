using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Evaluation;

/// <summary>
/// A rule that never finishes on an event (an endless loop, runaway recursion, a catastrophic regex,
/// unbounded allocation) is stopped, reported as a rule error with its line and the event, and the
/// event goes on to the other rules. Steps are counted, not timed, so the verdict is the same anywhere.
/// </summary>
public sealed class StoppingRunawayRules
{
    [Test]
    public void AnEndlessLoopInRuleIsStoppedAtItsLine()
    {
        var outcome = Evaluate("""
            bool Rule(CloudTrailEvent e)
            {
                var spins = 0;
                while (true) { spins++; }
            }
            """);

        Assert.That(outcome.Matched, Is.False);
        var error = outcome.Errors.Single();
        Assert.Multiple(() =>
        {
            Assert.That(error.Stopped, Is.True);
            Assert.That(error.Function, Is.EqualTo("Rule"));
            Assert.That(error.ScriptLocation.Line, Is.EqualTo(4));
            Assert.That(error.EventId, Is.EqualTo("00000000-0000-4000-8000-000000000001"));
            Assert.That(error.Message, Is.EqualTo("ran more than 100,000 steps (an endless loop?)"));
            var diagnostic = error.ToDiagnostic();
            Assert.That(diagnostic.Code, Is.EqualTo(DiagnosticCodes.BudgetExceeded));
            Assert.That(diagnostic.Message, Is.EqualTo("rule: Rule was stopped on event 00000000-0000-4000-8000-000000000001: it ran more than 100,000 steps (an endless loop?); the event went on to the other rules"));
        });
    }

    [Test]
    public void AnEndlessLoopInTitleIsStoppedAndTheMatchKeepsTheDefaultTitle()
    {
        var outcome = Evaluate("""
            bool Rule(CloudTrailEvent e) => true;

            string Title(CloudTrailEvent e)
            {
                for (;;) { }
            }
            """);

        Assert.That(outcome.Matched, Is.True);
        Assert.That(outcome.Detection!.Title, Is.EqualTo("Trail stopped"));
        var error = outcome.Errors.Single();
        Assert.That((error.Function, error.Stopped, error.ScriptLocation.Line), Is.EqualTo(("Title", true, 5)));
    }

    [Test]
    public void AnEndlessLoopInAHelperCalledByRuleIsStoppedAtTheHelpersLine()
    {
        var outcome = Evaluate("""
            static int Spin(int n)
            {
                do { n++; } while (n != 0 || true);
                return n;
            }

            bool Rule(CloudTrailEvent e) => Spin(1) > 0;
            """);

        var error = outcome.Errors.Single();
        Assert.That((error.Function, error.Stopped, error.ScriptLocation.Line), Is.EqualTo(("Rule", true, 3)));
    }

    public static IEnumerable<TestCaseData> Runaways()
    {
        yield return new TestCaseData("bool Rule(CloudTrailEvent e) => Deep(0);\nstatic bool Deep(int n) => Deep(n + 1);\n", "went deeper than 200 nested calls").SetName("{m}: runaway recursion");
        yield return new TestCaseData("bool Rule(CloudTrailEvent e)\n{\n    Func<int, int> f = null;\n    f = n => f(n + 1);\n    return f(0) > 0;\n}\n", "went deeper than 200 nested calls").SetName("{m}: recursion through a lambda");
        yield return new TestCaseData("bool Rule(CloudTrailEvent e) => Forever > 0;\nstatic int Forever => Forever;\n", "went deeper than 200 nested calls").SetName("{m}: a property that reads itself");
        yield return new TestCaseData("bool Rule(CloudTrailEvent e)\n{\n    again:\n    if (e.IsSuccess) goto again;\n    return false;\n}\n", "ran more than").SetName("{m}: goto");
        yield return new TestCaseData("bool Rule(CloudTrailEvent e)\n{\n    switch (1)\n    {\n        case 1: goto case 2;\n        case 2: goto case 1;\n    }\n    return false;\n}\n", "ran more than").SetName("{m}: goto case");
        yield return new TestCaseData("bool Rule(CloudTrailEvent e) => Naturals().Any(n => n < 0);\nstatic IEnumerable<long> Naturals()\n{\n    for (long n = 0; ; n++) yield return n;\n}\n", "ran more than").SetName("{m}: an endless iterator");
        yield return new TestCaseData("bool Rule(CloudTrailEvent e)\n{\n    var all = new List<string>();\n    while (true) all.Add(new string('x', 4096));\n}\n", "allocated more than 64 MiB").SetName("{m}: unbounded allocation");
        yield return new TestCaseData("static readonly IReadOnlySet<int> None = new HashSet<int>();\nbool Rule(CloudTrailEvent e) => Enumerable.Range(0, int.MaxValue).All(i => !None.Contains(i)) && Enumerable.Range(1, int.MaxValue - 1).Any(None.Contains);\n", "ran more than").SetName("{m}: a generated sequence the framework walks");
        yield return new TestCaseData("bool Rule(CloudTrailEvent e) => Enumerable.Repeat(\"x\", int.MaxValue).Count() > 0;\n", "ran more than").SetName("{m}: a repeated sequence");
        yield return new TestCaseData("bool Rule(CloudTrailEvent e)\n{\n    try { while (true) { } }\n    catch (Exception) { return true; }\n}\n", "ran more than").SetName("{m}: a script that catches being stopped");
    }

    [TestCaseSource(nameof(Runaways))]
    public void ARunawayIsStopped(string script, string reason)
    {
        var outcome = Evaluate(script);

        Assert.That(outcome.Matched, Is.False, "a stopped call is never a match, whatever it returned");
        var error = outcome.Errors.Single();
        Assert.That(error.Stopped, Is.True);
        Assert.That(error.Message, Does.StartWith(reason));
    }

    [Test]
    public void ACatastrophicRegularExpressionTimesOut()
    {
        var outcome = Evaluate("""
            static readonly Regex Nested = new("^(a+)+$");

            bool Rule(CloudTrailEvent e) => Nested.IsMatch(new string('a', 64) + "!") || Regex.IsMatch(new string('a', 64) + "!", "^(a|aa)+$");
            """);

        var error = outcome.Errors.Single();
        Assert.That(error.Message, Does.StartWith("RegexMatchTimeoutException"));
        Assert.That(error.ScriptLocation.Line, Is.EqualTo(3));
    }

    [Test]
    public void ARegularExpressionCannotAskForMoreTimeThanTheBudget()
    {
        var outcome = Evaluate("""
            bool Rule(CloudTrailEvent e) =>
                new Regex("^(a+)+$", RegexOptions.None, TimeSpan.FromHours(1)).IsMatch(new string('a', 64) + "!");
            """);

        Assert.That(outcome.Errors.Single().Message, Does.StartWith("RegexMatchTimeoutException"));
    }

    [Test]
    public void TheVerdictIsCountedNotTimed()
    {
        const string script = "bool Rule(CloudTrailEvent e)\n{\n    var sum = 0;\n    for (var i = 0; i < 600; i++) { sum += i; }\n    return sum > 0;\n}\n";
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", script);
        var rule = rules.CompileSingle();
        var e = Some.Event(Some.Record());

        var within = RuleEvaluator.Evaluate(rule, e, new EvaluationBudget { MaxSteps = 700 });
        var past = RuleEvaluator.Evaluate(rule, e, new EvaluationBudget { MaxSteps = 500 });

        Assert.That((within.Matched, within.Errors.Count), Is.EqualTo((true, 0)));
        Assert.That(past.Errors.Single().Message, Is.EqualTo("ran more than 500 steps (an endless loop?)"));
    }

    [Test]
    public void AFieldInitialiserThatNeverFinishesFailsTheRuleAtLoadAndTheOthersLoad()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("a-spins", "static readonly int Answer = Spin();\nstatic int Spin() { while (true) { } }\nbool Rule(CloudTrailEvent e) => Answer > 0;\n");
        rules.AddRule("b-fine", Scripts.MatchesEverything);

        var result = rules.Compile();

        Assert.That(result.Rules.Select(r => r.Id), Is.EqualTo(new[] { "b-fine" }));
        var error = result.Diagnostics.Single(d => d.IsError);
        Assert.That((error.Code, error.RuleId, error.Location.Line), Is.EqualTo((DiagnosticCodes.BudgetExceeded, "a-spins", 2)));
        Assert.That(error.Message, Does.StartWith("the script's fields could not be initialised: ran more than"));
    }

    [Test]
    public async Task TheOtherRulesStillAlertOnTheSameEvents()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("a-loops-in-rule", "bool Rule(CloudTrailEvent e) { while (true) { } }\n");
        rules.AddRule("b-loops-in-title", "bool Rule(CloudTrailEvent e) => true;\nstring Title(CloudTrailEvent e) { while (true) { } }\n");
        rules.AddRule("c-fine", Scripts.MatchesEverything);
        var compiled = rules.Compile();
        var records = string.Join("\n", Enumerable.Range(1, 3).Select(i => Some.Record(eventId: $"00000000-0000-4000-8000-00000000000{i}").ToJsonString()));

        var (summary, alerts) = await Pipeline.RunAsync(new RuleSet(compiled.Rules), Pipeline.Stdin(records));

        Assert.That(summary.EventsRead, Is.EqualTo(3));
        Assert.That(alerts.Select(a => (a.RuleId, a.EventCount)), Is.EquivalentTo(new[] { ("b-loops-in-title", 3), ("c-fine", 3) }));
        Assert.That(alerts.Single(a => a.RuleId == "b-loops-in-title").Title, Is.EqualTo("Trail stopped"));
        Assert.That(summary.RuleErrors.Select(e => (e.RuleId, e.Function, e.Stopped)), Is.EquivalentTo(new[]
        {
            ("a-loops-in-rule", "Rule", true), ("a-loops-in-rule", "Rule", true), ("a-loops-in-rule", "Rule", true),
            ("b-loops-in-title", "Title", true), ("b-loops-in-title", "Title", true), ("b-loops-in-title", "Title", true),
        }));
    }

    private static RuleOutcome Evaluate(string script)
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", script);
        return RuleEvaluator.Evaluate(rules.CompileSingle(), Some.Event(Some.Record()));
    }
}
