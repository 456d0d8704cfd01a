using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Loading;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Loading;

public sealed class LoadingARulesDirectory
{
    [Test]
    public void RulesAreFoundInEveryPackFolder()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("aws/cloudtrail/stopped", Scripts.MatchesSuccess);
        rules.AddRule("aws/iam/user", Scripts.MatchesSuccess);
        rules.AddRule("top", Scripts.MatchesSuccess);

        var loaded = rules.Load();

        Assert.That(loaded.Diagnostics, Is.Empty);
        Assert.That(loaded.Rules.Select(r => r.RelativeName), Is.EquivalentTo(new[] { "aws/cloudtrail/stopped", "aws/iam/user", "top" }));
        Assert.That(loaded.Rules.Single(r => r.Name == "top").Pack, Is.Empty);
    }

    [Test]
    public void YamlExtensionWorksAsWellAsYml()
    {
        using var rules = new TempRulesDirectory();
        rules.Write("rule.yaml", RuleYaml.Rule("rule"));
        rules.Write("rule.csx", Scripts.MatchesSuccess);

        Assert.That(rules.Load().Rules.Single().Id, Is.EqualTo("rule"));
    }

    [Test]
    public void PackFilesAreNotRules()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("aws/rule", Scripts.MatchesSuccess);
        rules.Write("aws/aws.pack.yml", "name: aws\ndescription: not a rule at all\n");

        var loaded = rules.Load();

        Assert.That(loaded.Diagnostics, Is.Empty);
        Assert.That(loaded.RuleFiles, Is.EqualTo(new[] { rules.PathOf("aws/rule.yml") }));
    }

    [Test]
    public void DuplicateIdsAreReportedAtTheSecondRule()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("a/first", Scripts.MatchesSuccess, RuleYaml.Rule("same.id"));
        rules.AddRule("b/second", Scripts.MatchesSuccess, RuleYaml.Rule("same.id"));

        var loaded = rules.Load();

        Assert.That(loaded.Rules.Single().YamlPath, Is.EqualTo(rules.PathOf("a/first.yml")));
        var duplicate = loaded.Diagnostics.Single();
        Assert.That(duplicate.Code, Is.EqualTo(DiagnosticCodes.DuplicateRuleId));
        Assert.That(duplicate.Location, Is.EqualTo(new SourceLocation(rules.PathOf("b/second.yml"), 1, 1)));
        Assert.That(duplicate.Message, Does.Contain("'same.id'").And.Contain("first.yml"));
    }

    [Test]
    public void OneBrokenFileDoesNotStopTheOthersFromLoading()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("a-broken", Scripts.MatchesSuccess, "id: a-broken\ntitle: [unclosed\n");
        rules.AddRule("b-misspelled", Scripts.MatchesSuccess, RuleYaml.Rule("b-misspelled").Replace("severity:", "severty:", StringComparison.Ordinal));
        rules.AddRule("c-fine", Scripts.MatchesSuccess);

        var loaded = rules.Load();

        Assert.That(loaded.Rules.Single().Id, Is.EqualTo("c-fine"));
        Assert.That(loaded.RuleFiles, Has.Count.EqualTo(3));
        Assert.That(loaded.Diagnostics.Select(d => d.Code), Does.Contain(DiagnosticCodes.YamlSyntax).And.Contain(DiagnosticCodes.UnknownKey));
    }

    [Test]
    public void AMissingRulesDirectoryIsReported()
    {
        var missing = Path.Combine(Path.GetTempPath(), "detectionkit-tests-" + Guid.NewGuid().ToString("N"));

        var loaded = RuleLoader.Load(missing);

        Assert.That(loaded.Rules, Is.Empty);
        Assert.That(loaded.Diagnostics.Single().Code, Is.EqualTo(DiagnosticCodes.RulesDirectoryMissing));
    }
}
