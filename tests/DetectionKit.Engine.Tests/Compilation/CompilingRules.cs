using System.Reflection;
using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Compilation;

public sealed class CompilingRules
{
    [Test]
    public void ManyRulesCompileIntoOneAssemblyWithAClassEach()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("a", Scripts.MatchesEverything);
        rules.AddRule("b", Scripts.MatchesEverything);
        rules.AddRule("c", Scripts.MatchesEverything);

        var result = rules.Compile();

        Assert.That(result.Diagnostics, Is.Empty);
        var classes = result.Rules.Select(r => r.Functions.Rule.Method.DeclaringType!).ToList();
        Assert.That(classes.Select(c => c.Assembly).Distinct().Count(), Is.EqualTo(1), "one assembly");
        Assert.That(classes.Distinct().Count(), Is.EqualTo(3), "one class per rule");
    }

    [Test]
    public void OnlyTheFunctionsAScriptDefinesAreBound()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess);

        var functions = rules.CompileSingle().Functions;

        Assert.That(functions.Rule(Some.Event(Some.Record())), Is.True);
        Assert.That(functions.Rule(Some.Event(Some.Record(errorCode: "AccessDenied"))), Is.False);
        Assert.That(new object?[] { functions.Title, functions.Dedup, functions.Severity, functions.AlertContext }, Is.All.Null);
    }

    [Test]
    public void StaticAndInstanceFunctionsBothWork()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", """
            private readonly string prefix = "stopped by ";
            private static readonly IReadOnlySet<string> Watched = new HashSet<string>(["StopLogging"]);

            static bool Rule(CloudTrailEvent e) => Watched.Contains(e.EventName);

            string Title(CloudTrailEvent e) => prefix + e.ActorName;
            """);

        var functions = rules.CompileSingle().Functions;

        Assert.That(functions.Rule(Some.Event(Some.Record())), Is.True);
        Assert.That(functions.Title!(Some.Event(Some.Record())), Is.EqualTo("stopped by alice"));
    }

    [Test]
    public void AUsingDirectiveInAScriptWorks()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", """
            using System.Collections.Frozen;

            bool Rule(CloudTrailEvent e) => new[] { "StopLogging" }.ToFrozenSet().Contains(e.EventName);
            """);

        var result = rules.Compile();

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Rules.Single().Functions.Rule(Some.Event(Some.Record())), Is.True);
    }

    [Test]
    public void AUsingOfADefaultNamespaceIsHarmless()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", "using System.Linq;\nusing DetectionKit.Scripting;\n\nbool Rule(CloudTrailEvent e) => new[] { 1 }.Any();\n");

        var result = rules.Compile();

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Rules, Has.Count.EqualTo(1));
    }

    [Test]
    public void TheDefaultNamespacesNeedNoUsing()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", """
            bool Rule(CloudTrailEvent e) =>
                Regex.IsMatch(e.EventName ?? string.Empty, "^Stop")
                && new List<string> { "a" }.Any()
                && IPAddress.TryParse(e.SourceIPAddress, out _)
                && JsonDocument.Parse("1").RootElement.GetInt32() == 1
                && new StringBuilder("x").Length == 1
                && CultureInfo.InvariantCulture.Name.Length == 0;
            """);

        var result = rules.Compile();

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Rules.Single().Functions.Rule(Some.Event(Some.Record())), Is.True);
    }

    [Test]
    public void TheEventHelpersNeedNoUsing()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", """
            bool Rule(CloudTrailEvent e) =>
                Arn.Parse(e.UserIdentity.Arn) is { ResourceType: "user", PrincipalName: "alice" }
                && e.SourceAddress.IsIn("203.0.113.0/24")
                && Cidr.Parse("203.0.113.0/24").Contains(e.SourceIPAddress)
                && e.RequestParameterElement("name").Strings().Single() == "prod-trail"
                && e.Json.Values("userIdentity").Single().Get("userName") == "alice"
                && !PolicyDocument.Parse(e.RequestParameter("policy")).GrantsPublicAccess;
            """);

        var result = rules.Compile();

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Rules.Single().Functions.Rule(Some.Event(Some.Record())), Is.True);
    }

    [Test]
    public void AWarningIsReportedButDoesNotDropTheRule()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", """
            bool Rule(CloudTrailEvent e)
            {
                var unused = 42;
                return e.IsSuccess;
            }
            """);

        var result = rules.Compile();

        Assert.That(result.Rules, Has.Count.EqualTo(1));
        var warning = result.Diagnostics.Single();
        Assert.That(warning.Severity, Is.EqualTo(DiagnosticSeverity.Warning));
        Assert.That(warning.Code, Is.EqualTo(DiagnosticCodes.CompileError));
        Assert.That(warning.Message, Does.StartWith("CS0219"));
        Assert.That(warning.Location, Is.EqualTo(new SourceLocation(rules.PathOf("rule.csx"), 3, 9)));
    }

    [Test]
    public void AWarningIsReportedOnceWhenAnotherRuleFailsToCompile()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("a-warns", "bool Rule(CloudTrailEvent e)\n{\n    var unused = 42;\n    return true;\n}\n");
        rules.AddRule("b-broken", "bool Rule(CloudTrailEvent e) => e.NoSuchProperty;\n");

        var result = rules.Compile();

        Assert.That(result.Rules.Select(r => r.Id), Is.EqualTo(new[] { "a-warns" }));
        Assert.That(result.Diagnostics.Count(d => !d.IsError), Is.EqualTo(1), () => string.Join("\n", result.Diagnostics));
        Assert.That(result.Diagnostics.Single(d => d.IsError).RuleId, Is.EqualTo("b-broken"));
    }

    [Test]
    public void NoRulesCompileToNothing()
    {
        var result = RuleCompiler.Compile([]);

        Assert.That(result.Rules, Is.Empty);
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void TheJitIsFreeToOptimiseCompiledScripts()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess);

        var assembly = rules.CompileSingle().Functions.Rule.Method.DeclaringType!.Assembly;

        Assert.That(assembly.GetCustomAttribute<System.Diagnostics.DebuggableAttribute>()?.IsJITOptimizerDisabled, Is.False);
    }
}
