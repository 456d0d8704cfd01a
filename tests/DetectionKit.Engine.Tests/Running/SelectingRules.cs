using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Running;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Running;

public sealed class SelectingRules
{
    [Test]
    public void APackSelectsItsRulesAndOnlyTheLoadProblemsOfThoseRules()
    {
        using var rules = Library();
        var selector = RuleSelector.Load(rules.Root);

        var gcp = Select(selector, "gcp");
        var aws = Select(selector, "aws");

        Assert.That(gcp.Rules.Rules.Select(r => r.Id), Is.EqualTo(new[] { "gcp.audit" }));
        Assert.That((gcp.LoadProblems.Count, gcp.FailedToLoad), Is.EqualTo((0, 0)));
        Assert.That(aws.Rules.Rules.Select(r => r.Id), Is.EqualTo(new[] { "aws.good" }));
        Assert.That(aws.LoadProblems.Select(d => (d.Code, d.RuleId)), Is.EqualTo(new[] { (DiagnosticCodes.CompileError, "aws.broken") }));
        Assert.That(aws.FailedToLoad, Is.EqualTo(1));
        Assert.That(selector.LoadProblems, Has.Count.EqualTo(1));
    }

    [Test]
    public void NoPackSelectsEveryRuleThatLoaded()
    {
        using var rules = Library();

        var all = Select(RuleSelector.Load(rules.Root));

        Assert.That(all.Rules.Rules.Select(r => r.Id), Is.EqualTo(new[] { "aws.good", "gcp.audit" }));
        Assert.That(all.FailedToLoad, Is.EqualTo(1));
    }

    [Test]
    public void AProblemThatNamesNoRuleConcernsEverySelection()
    {
        using var rules = Library();
        rules.Write("aws/unreadable.yml", "id: [unclosed\n");

        var gcp = Select(RuleSelector.Load(rules.Root), "gcp");

        Assert.That(gcp.LoadProblems.Select(d => (d.Code, Path.GetFileName(d.Location.Path))), Is.EqualTo(new[] { (DiagnosticCodes.YamlSyntax, "unreadable.yml") }));
        Assert.That(gcp.FailedToLoad, Is.EqualTo(1));
    }

    [Test]
    public void AnUnknownPackSelectsNothingAndSaysWhichPacksThereAre()
    {
        using var rules = Library();
        var problems = new List<Diagnostic>();

        var selection = RuleSelector.Load(rules.Root).Select(["azure"], problems);

        Assert.That(selection, Is.Null);
        Assert.That(problems.Single().ToString(), Does.Contain("error DK1013: no pack named 'azure'; packs here: aws, gcp"));
    }

    [Test]
    public void APackOfDisabledRulesSelectsNothing()
    {
        using var rules = Library();
        rules.AddRule("off/quiet", Scripts.MatchesSuccess, RuleYaml.Rule("off.quiet", extra: "enabled: false\n"));

        var off = Select(RuleSelector.Load(rules.Root), "off");

        Assert.That(off.SelectsNothing, Is.True);
        Assert.That(Select(RuleSelector.Load(rules.Root), "gcp").SelectsNothing, Is.False);
    }

    [Test]
    public void EverySelectionRunsTheRulesCompiledByTheOneLoad()
    {
        using var rules = Library();
        var selector = RuleSelector.Load(rules.Root);

        var first = Select(selector, "gcp").Rules.Rules.Single();
        var second = Select(selector, "gcp").Rules.Rules.Single();

        Assert.That(second, Is.SameAs(first));
    }

    private static RuleSelection Select(RuleSelector selector, params string[] packs)
    {
        var problems = new List<Diagnostic>();
        var selection = selector.Select(packs, problems);
        Assert.That(problems, Is.Empty);
        return selection!;
    }

    private static TempRulesDirectory Library()
    {
        var rules = new TempRulesDirectory();
        rules.AddRule("aws/good", Scripts.MatchesSuccess);
        rules.AddRule("aws/broken", "bool Rule(CloudTrailEvent e) => e.NoSuchMember;\n");
        rules.AddRule("gcp/audit", Scripts.MatchesSuccess);
        return rules;
    }
}
