using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Compilation.Caching;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Rules;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Compilation.Caching;

/// <summary>
/// A second load of the same rules comes from the cache and is indistinguishable from compiling them;
/// a change to anything the compilation reads compiles again.
/// </summary>
public sealed class CachingCompiledRules
{
    private const string Library = "static bool IsStop(CloudTrailEvent e) => e.EventName == \"StopLogging\";\n";

    [Test]
    public void AHitAfterAFirstCompileGivesTheSameRulesAndDiagnostics()
    {
        using var cache = new CacheWorkspace();
        cache.Rules.Write("_lib/stops.csx", Library);
        cache.Rules.AddRule("a-library", "#load \"_lib/stops.csx\"\nbool Rule(CloudTrailEvent e) => IsStop(e);\nstring Title(CloudTrailEvent e) => $\"{e.EventName} by {e.ActorName}\";\n");
        cache.Rules.AddRule("b-warns", "bool Rule(CloudTrailEvent e)\n{\n    int unused;\n    return e.IsSuccess;\n}\n");
        cache.Rules.AddRule("c-broken", "bool Rule(CloudTrailEvent e) => e.NoSuchMember;\n");
        cache.Rules.AddRule("d-refused", "bool Rule(CloudTrailEvent e) => Environment.GetEnvironmentVariable(\"HOME\") != null;\n");

        var cold = cache.Compile();
        var warm = cache.Compile();

        Assert.That(cache.Outcomes, Is.EqualTo(new[] { CacheOutcome.Miss, CacheOutcome.Hit }));
        Assert.That(cold.Diagnostics.Select(d => d.Code), Is.SupersetOf(new[] { DiagnosticCodes.CompileError, DiagnosticCodes.ApiRefused }));
        Assert.That(cold.Diagnostics.Where(d => !d.IsError).Select(d => d.RuleId), Is.EqualTo(new[] { "b-warns" }));
        Assert.That(warm.Diagnostics, Is.EqualTo(cold.Diagnostics));
        Assert.That(warm.Rules.Select(r => r.Id), Is.EqualTo(new[] { "a-library", "b-warns" }));
        var e = Some.Event(Some.Record());
        Assert.That(warm.Rules.Select(r => RuleEvaluator.Evaluate(r, e).Detection?.Title), Is.EqualTo(cold.Rules.Select(r => RuleEvaluator.Evaluate(r, e).Detection?.Title)));
    }

    [Test]
    public void AnExceptionInACachedRuleIsLocatedWhereItsAuthorWroteIt()
    {
        using var cache = new CacheWorkspace();
        cache.Rules.Write("_lib/checks.csx", "static bool Fails(string s) =>\n    s.Length > 0 ? throw new InvalidOperationException(\"deep\") : false;\n");
        cache.Rules.AddRule("rule", "#load \"_lib/checks.csx\"\nbool Rule(CloudTrailEvent e)\n{\n    return e.IsSuccess && Fails(e.EventName);\n}\n");
        var e = Some.Event(Some.Record());

        var cold = RuleEvaluator.Evaluate(cache.Compile().Rules.Single(), e).Errors.Single();
        var warm = RuleEvaluator.Evaluate(cache.Compile().Rules.Single(), e).Errors.Single();

        Assert.That(cache.Outcomes.Last(), Is.EqualTo(CacheOutcome.Hit));
        Assert.That((warm.ScriptLocation.Path, warm.ScriptLocation.Line), Is.EqualTo((cache.Rules.PathOf("_lib/checks.csx"), 2)));
        Assert.That(warm.ScriptLocation, Is.EqualTo(cold.ScriptLocation));
    }

    [Test]
    public void ChangingARulesScriptIsAMiss()
    {
        using var cache = new CacheWorkspace();
        cache.Rules.AddRule("rule", Scripts.MatchesSuccess);
        cache.Compile();

        cache.Rules.Write("rule.csx", Scripts.MatchesEverything);
        var result = cache.Compile();

        Assert.That(cache.Outcomes, Is.EqualTo(new[] { CacheOutcome.Miss, CacheOutcome.Miss }));
        Assert.That(RuleEvaluator.Evaluate(result.Rules.Single(), Some.Event(Some.Record(errorCode: "AccessDenied"))).Matched, Is.True);
    }

    [Test]
    public void ChangingARulesYamlIsAMiss()
    {
        using var cache = new CacheWorkspace();
        cache.Rules.AddRule("rule", Scripts.MatchesSuccess);
        cache.Compile();

        cache.Rules.Write("rule.yml", RuleYaml.Rule(id: "rule", title: "Another title"));
        cache.Compile();

        Assert.That(cache.Outcomes, Is.EqualTo(new[] { CacheOutcome.Miss, CacheOutcome.Miss }));
    }

    [Test]
    public void ChangingOrAddingALibraryIsAMiss()
    {
        using var cache = new CacheWorkspace();
        cache.Rules.Write("_lib/stops.csx", Library);
        cache.Rules.AddRule("rule", "#load \"_lib/stops.csx\"\nbool Rule(CloudTrailEvent e) => IsStop(e);\n");
        cache.Compile();

        cache.Rules.Write("_lib/stops.csx", Library.Replace("StopLogging", "DeleteTrail", StringComparison.Ordinal));
        var changed = cache.Compile();
        cache.Rules.Write("_lib/more.csx", "static int Unused() => 1;\n");
        cache.Compile();

        Assert.That(cache.Outcomes, Is.EqualTo(new[] { CacheOutcome.Miss, CacheOutcome.Miss, CacheOutcome.Miss }));
        Assert.That(RuleEvaluator.Evaluate(changed.Rules.Single(), Some.Event(Some.Record())).Matched, Is.False, "the changed library was compiled");
    }

    [Test]
    public void ChangingASuppressionsWhenIsAMiss()
    {
        using var cache = new CacheWorkspace();
        cache.Rules.AddRule("rule", Scripts.MatchesEverything);
        var settings = cache.Rules.PathOf("settings.yml");
        Func<string, IReadOnlyList<RuleSuppression>> When(string when) => _ => [new RuleSuppression { Reason = "known", When = when, Location = new SourceLocation(settings, 3, 5), WhenLocation = new SourceLocation(settings, 4, 11) }];
        cache.Compile(When("e.IsSuccess"));

        var result = cache.Compile(When("!e.IsSuccess"));

        Assert.That(cache.Outcomes, Is.EqualTo(new[] { CacheOutcome.Miss, CacheOutcome.Miss }));
        Assert.That(result.Rules.Single().Suppressions.Single().When!(Some.Event(Some.Record())), Is.False);
    }

    [Test]
    public void ChangingTheBudgetIsAMiss()
    {
        using var cache = new CacheWorkspace();
        cache.Rules.AddRule("rule", Scripts.MatchesSuccess);
        cache.Compile();

        cache.Compile(budget: new EvaluationBudget { MaxSteps = 10 });

        Assert.That(cache.Outcomes, Is.EqualTo(new[] { CacheOutcome.Miss, CacheOutcome.Miss }));
    }

    [Test]
    public void AnotherBuildOfTheEngineIsAMiss()
    {
        using var cache = new CacheWorkspace();
        cache.Rules.AddRule("rule", Scripts.MatchesSuccess);
        cache.Compile();

        cache.Compile(engine: [.. CacheKey.CurrentEngine.Reverse()]);

        Assert.That(cache.Outcomes, Is.EqualTo(new[] { CacheOutcome.Miss, CacheOutcome.Miss }));
    }

    [Test]
    public void WithTheCacheDisabledRulesCompileAndNothingIsKept()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess);

        var result = RuleCache.Disabled.Compile(rules.Load().Rules);

        Assert.That(result.Rules.Select(r => r.Id), Is.EqualTo(new[] { "rule" }));
        Assert.That(RuleCache.Disabled.Folder, Is.Null);
        Assert.That(RuleCache.Open(disabled: true), Is.SameAs(RuleCache.Disabled));
    }
}
