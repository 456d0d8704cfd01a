using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Compilation;

/// <summary>
/// Rules share code through library files under the rules folder's <c>_lib/</c>: compiled once into
/// the rule set, checked and metered like rules, visible to the scripts that <c>#load</c> them.
/// </summary>
public sealed class SharingCodeBetweenRules
{
    private const string Library = """
        // Trails are named by name or by ARN.
        static string TrailName(CloudTrailEvent e) =>
            Arn.Parse(e.RequestParameter("name"))?.ResourceName ?? e.RequestParameter("name");

        static readonly IReadOnlySet<string> Tampering = new HashSet<string>(["StopLogging", "DeleteTrail"]);

        record Finding(string Trail, string Actor);
        """;

    [Test]
    public void RulesThatLoadALibraryCallItsFunctionsAndTypes()
    {
        using var rules = new TempRulesDirectory();
        rules.Write("_lib/trails.csx", Library);
        rules.AddRule("aws/one", "#load \"../_lib/trails.csx\"\nbool Rule(CloudTrailEvent e) => Tampering.Contains(e.EventName);\nstring Title(CloudTrailEvent e) => $\"{TrailName(e)} touched\";\n");
        rules.AddRule("aws/two", "#load \"../_lib/trails.csx\"\nbool Rule(CloudTrailEvent e) => new Finding(TrailName(e), e.ActorName).Trail == \"prod-trail\";\n");

        var result = rules.Compile();

        Assert.That(result.Diagnostics, Is.Empty);
        var e = Some.Event(Some.Record());
        Assert.That(result.Rules.Select(r => RuleEvaluator.Evaluate(r, e).Detection?.Title), Is.EqualTo(new[] { "prod-trail touched", "Trail stopped" }));
        Assert.That(result.Rules.Select(r => r.Functions.Rule.Method.DeclaringType!.Assembly).Distinct().Count(), Is.EqualTo(1), "one compilation");
    }

    [Test]
    public void ALibraryMayLoadAnotherAndItsRulesSeeBoth()
    {
        using var rules = new TempRulesDirectory();
        rules.Write("_lib/names.csx", "static string Upper(string s) => s?.ToUpperInvariant();\n");
        rules.Write("_lib/trails.csx", "#load \"names.csx\"\nstatic string LoudTrail(CloudTrailEvent e) => Upper(e.RequestParameter(\"name\"));\n");
        rules.AddRule("rule", "#load \"_lib/trails.csx\"\nbool Rule(CloudTrailEvent e) => LoudTrail(e) == Upper(\"prod-trail\");\n");

        var result = rules.Compile();

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(RuleEvaluator.Evaluate(result.Rules.Single(), Some.Event(Some.Record())).Matched, Is.True);
    }

    [Test]
    public void ALibrarysErrorsAreReportedAtItsLinesAndEveryRuleThatLoadsItSaysSo()
    {
        using var rules = new TempRulesDirectory();
        rules.Write("_lib/broken.csx", "static bool Helper(CloudTrailEvent e) =>\n    e.NoSuchMember;\n");
        rules.AddRule("a-loads-it", "// uses the helper\n#load \"_lib/broken.csx\"\nbool Rule(CloudTrailEvent e) => Helper(e);\n");
        rules.AddRule("b-does-not", Scripts.MatchesEverything);

        var result = rules.Compile();

        Assert.That(result.Rules.Select(r => r.Id), Is.EqualTo(new[] { "b-does-not" }));
        var errors = result.Diagnostics.Where(d => d.IsError).ToList();
        Assert.That(errors.Select(d => (d.Code, d.Location.Path, d.Location.Line, d.RuleId)), Is.EqualTo(new[]
        {
            (DiagnosticCodes.CompileError, rules.PathOf("_lib/broken.csx"), 2, (string?)null),
            (DiagnosticCodes.LibraryFailed, rules.PathOf("a-loads-it.csx"), 2, (string?)"a-loads-it"),
        }));
        Assert.That(errors[1].Message, Does.StartWith($"the shared library {Path.GetRelativePath(Environment.CurrentDirectory, rules.PathOf("_lib/broken.csx"))} has errors"));
    }

    [Test]
    public void ARuleIsNotBlamedForWhatABrokenLibraryFailedToDeclare()
    {
        using var rules = new TempRulesDirectory();
        rules.Write("_lib/broken.csx", "static bool Helper(CloudTrailEvent e) => e.IsSuccess\nstatic int Other() => 1;\n");
        rules.AddRule("rule", "#load \"_lib/broken.csx\"\nbool Rule(CloudTrailEvent e) => Helper(e) && Other() > 0;\n");

        var errors = rules.Compile().Diagnostics.Where(d => d.IsError).ToList();

        Assert.That(errors.Where(d => d.RuleId == "rule").Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCodes.LibraryFailed }));
        Assert.That(errors.Where(d => d.RuleId is null).Select(d => d.Location.Path).Distinct(), Is.EqualTo(new[] { rules.PathOf("_lib/broken.csx") }));
    }

    [Test]
    public void ALibraryIsHeldToTheAllowListToo()
    {
        using var rules = new TempRulesDirectory();
        rules.Write("_lib/leaky.csx", "static string Secret() => Environment.GetEnvironmentVariable(\"AWS_SECRET_ACCESS_KEY\");\n");
        rules.AddRule("rule", "#load \"_lib/leaky.csx\"\nbool Rule(CloudTrailEvent e) => Secret() != null;\n");

        var result = rules.Compile();

        Assert.That(result.Rules, Is.Empty);
        var refused = result.Diagnostics.First(d => d.IsError);
        Assert.That((refused.Code, refused.Location.Path, refused.Location.Line), Is.EqualTo((DiagnosticCodes.ApiRefused, rules.PathOf("_lib/leaky.csx"), 1)));
    }

    [Test]
    public void ALibraryFunctionThatIsNotStaticIsRefusedAtItsLine()
    {
        using var rules = new TempRulesDirectory();
        rules.Write("_lib/helpers.csx", "static bool Fine(CloudTrailEvent e) => true;\nbool Instance(CloudTrailEvent e) => true;\n");
        rules.AddRule("rule", "#load \"_lib/helpers.csx\"\nbool Rule(CloudTrailEvent e) => Fine(e);\n");

        var result = rules.Compile();

        var refused = result.Diagnostics.First(d => d.IsError);
        Assert.That((refused.Code, refused.Location.Line), Is.EqualTo((DiagnosticCodes.LibraryMemberNotStatic, 2)));
        Assert.That(refused.Message, Does.Contain("add 'static'"));
    }

    [TestCase("#load \"../outside.csx\"", "is not one")]
    [TestCase("#load \"_lib/missing.csx\"", "which does not exist")]
    public void ALoadThatNamesNoLibraryFileIsRefused(string directive, string message)
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", $"{directive}\nbool Rule(CloudTrailEvent e) => true;\n");

        var refused = rules.Compile().Diagnostics.Single(d => d.IsError);

        Assert.That((refused.Code, refused.Location.Line), Is.EqualTo((DiagnosticCodes.DirectiveRefused, 1)));
        Assert.That(refused.Message, Does.Contain(message));
    }

    [Test]
    public void AnErrorInsideALibraryFunctionIsLocatedInTheLibrary()
    {
        using var rules = new TempRulesDirectory();
        rules.Write("_lib/spin.csx", "static bool Spin(CloudTrailEvent e)\n{\n    while (e.IsSuccess) { }\n    return false;\n}\nstatic int Fail(CloudTrailEvent e) =>\n    e.RequestParameter(\"missing\").Length;\n");
        rules.AddRule("a-spins", "#load \"_lib/spin.csx\"\nbool Rule(CloudTrailEvent e) => Spin(e);\n");
        rules.AddRule("b-fails", "#load \"_lib/spin.csx\"\nbool Rule(CloudTrailEvent e) => Fail(e) > 0;\n");
        var compiled = rules.Compile();
        var e = Some.Event(Some.Record());

        var errors = compiled.Rules.Select(r => RuleEvaluator.Evaluate(r, e).Errors.Single()).ToList();

        Assert.That(errors.Select(x => (x.Stopped, x.ScriptLocation.Path, x.ScriptLocation.Line)), Is.EqualTo(new[]
        {
            (true, rules.PathOf("_lib/spin.csx"), 3),
            (false, rules.PathOf("_lib/spin.csx"), 7),
        }));
    }
}
