using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Loading;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Loading;

/// <summary>
/// A case file is read only from inside the rules repository (the folder holding the rules root):
/// the layout here is <c>repo/rules/rule.yml</c>, <c>repo/fixtures/</c>, and <c>outside.json</c> beside <c>repo/</c>.
/// </summary>
public sealed class ConfiningCaseFiles
{
    private const string Secret = "{\"eventName\":\"ConsoleLogin\",\"password\":\"hunter2-outside\"}";

    [Test]
    public void ACaseFileUnderFixturesBesideTheRulesIsRead()
    {
        using var tree = new TempRulesDirectory();
        tree.Write("repo/fixtures/login.json", Some.Record().ToJsonString());
        AddRule(tree, "../fixtures/login.json");

        var loaded = RuleLoader.Load(tree.PathOf("repo/rules"));

        Assert.That(loaded.Diagnostics, Is.Empty);
        Assert.That(loaded.Rules.Single().Tests.Single(t => t.Name == "recorded").Events, Has.Count.EqualTo(1));
    }

    [Test]
    public void APathThatClimbsOutOfTheRepositoryIsRefusedAtTheFileKey()
    {
        using var tree = new TempRulesDirectory();
        tree.Write("outside.json", Secret);
        AddRule(tree, "../../outside.json");

        var refused = LoadRefused(tree);

        Assert.That(refused.Location.Line, Is.EqualTo(12));
        Assert.That(refused.Message, Does.Contain("'../../outside.json'").And.Contain("outside the rules repository").And.Contain("relative to the rule's YAML file"));
    }

    [Test]
    public void AnAbsolutePathIsRefusedEvenToAFileInsideTheRepository()
    {
        using var tree = new TempRulesDirectory();
        var inside = tree.Write("repo/fixtures/login.json", Some.Record().ToJsonString());
        AddRule(tree, inside);

        var refused = LoadRefused(tree);

        Assert.That(refused.Message, Does.Contain("absolute path"));
    }

    [Test]
    public void ASymbolicLinkInsideThatPointsOutsideIsRefused()
    {
        using var tree = new TempRulesDirectory();
        var outside = tree.Write("outside.json", Secret);
        Directory.CreateDirectory(tree.PathOf("repo/rules/cases"));
        File.CreateSymbolicLink(tree.PathOf("repo/rules/cases/login.json"), outside);
        AddRule(tree, "cases/login.json");

        var refused = LoadRefused(tree);

        Assert.That(refused.Message, Does.Contain("symbolic link").And.Contain(outside));
    }

    [Test]
    public void AFileUnderALinkedDirectoryThatLeadsOutsideIsRefused()
    {
        using var tree = new TempRulesDirectory();
        tree.Write("elsewhere/login.json", Secret);
        Directory.CreateDirectory(tree.PathOf("repo/fixtures"));
        Directory.CreateSymbolicLink(tree.PathOf("repo/fixtures/shared"), tree.PathOf("elsewhere"));
        AddRule(tree, "../fixtures/shared/login.json");

        var refused = LoadRefused(tree);

        Assert.That(refused.Message, Does.Contain("symbolic link"));
    }

    [Test]
    public void ASymbolicLinkThatStaysInsideIsFollowed()
    {
        using var tree = new TempRulesDirectory();
        var target = tree.Write("repo/fixtures/login.json", Some.Record().ToJsonString());
        Directory.CreateDirectory(tree.PathOf("repo/rules/cases"));
        File.CreateSymbolicLink(tree.PathOf("repo/rules/cases/login.json"), "../../fixtures/login.json");
        AddRule(tree, "cases/login.json");

        var loaded = RuleLoader.Load(tree.PathOf("repo/rules"));

        Assert.That(loaded.Diagnostics, Is.Empty, target);
        Assert.That(loaded.Rules.Single().Tests.Single(t => t.Name == "recorded").Events, Has.Count.EqualTo(1));
    }

    [Test]
    public void ACycleOfLinksIsRefusedInsteadOfFollowedForever()
    {
        using var tree = new TempRulesDirectory();
        Directory.CreateDirectory(tree.PathOf("repo/rules/cases"));
        File.CreateSymbolicLink(tree.PathOf("repo/rules/cases/a.json"), "b.json");
        File.CreateSymbolicLink(tree.PathOf("repo/rules/cases/b.json"), "a.json");
        AddRule(tree, "cases/a.json");

        var refused = LoadRefused(tree);

        Assert.That(refused.Message, Does.Contain("cycle"));
    }

    [Test]
    public void AMessageAboutACaseFileThatIsNotJsonDoesNotQuoteItsBytes()
    {
        using var tree = new TempRulesDirectory();
        tree.Write("repo/rules/cases/notes.json", "xyzzy: the plugh password");
        AddRule(tree, "cases/notes.json");

        var problem = RuleLoader.Load(tree.PathOf("repo/rules")).Diagnostics.Single();

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.CaseFileUnreadable));
        Assert.That(problem.Message, Does.Contain("not valid JSON").And.Contain("1:1"));
        Assert.That(problem.Message, Does.Not.Contain("'x'").And.Not.Contain("xyzzy"));
    }

    private static void AddRule(TempRulesDirectory tree, string file) =>
        tree.AddRule("repo/rules/rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", tests: RuleYaml.Case("inline", false, Some.Record(errorCode: "AccessDenied")) + RuleYaml.FileCase("recorded", true, file)));

    /// <summary>The one diagnostic of a refused case: the rule still loads to run, without the case.</summary>
    private static Diagnostic LoadRefused(TempRulesDirectory tree)
    {
        var loaded = RuleLoader.Load(tree.PathOf("repo/rules"));

        Assert.That(loaded.Rules.Single().Tests.Select(t => t.Name), Is.EqualTo(new[] { "inline" }));
        var refused = loaded.Diagnostics.Single();
        Assert.That(refused.Code, Is.EqualTo(DiagnosticCodes.CaseFileOutsideRepository));
        Assert.That(refused.Message, Does.Not.Contain("hunter2"));
        return refused;
    }
}
