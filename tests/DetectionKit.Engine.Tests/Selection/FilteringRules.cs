using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Selection;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Selection;

public sealed class FilteringRules
{
    [Test]
    public void ATechniqueSelectsItsSubTechniquesAndASubTechniqueOnlyItself()
    {
        using var rules = Rules();

        Assert.That(Select(rules, new RuleFilter { Techniques = ["T1078"] }), Is.EqualTo(new[] { "cloud-account", "valid-accounts" }));
        Assert.That(Select(rules, new RuleFilter { Techniques = ["t1078.004"] }), Is.EqualTo(new[] { "cloud-account" }), "written in any case");
        Assert.That(Select(rules, new RuleFilter { Techniques = ["T107"] }), Is.Null, "not a technique id");
    }

    [Test]
    public void ASeverityIsThatSeverityAndAPlusIsItAndAbove()
    {
        using var rules = Rules();

        Assert.That(Select(rules, new RuleFilter { Severities = ["high"] }), Is.EqualTo(new[] { "cloud-account" }));
        Assert.That(Select(rules, new RuleFilter { Severities = ["high+"] }), Is.EqualTo(new[] { "cloud-account", "logging-stopped" }));
        Assert.That(Select(rules, new RuleFilter { Severities = ["low", "critical"] }), Is.EqualTo(new[] { "logging-stopped", "valid-accounts" }));
    }

    [Test]
    public void ValuesOfOneKindAreOredAndKindsAreAnded()
    {
        using var rules = Rules();

        Assert.That(Select(rules, new RuleFilter { Tags = ["iam", "tampering"] }), Is.EqualTo(new[] { "cloud-account", "logging-stopped", "valid-accounts" }));
        Assert.That(Select(rules, new RuleFilter { Tags = ["iam", "tampering"], Severities = ["high+"] }), Is.EqualTo(new[] { "cloud-account", "logging-stopped" }));
        Assert.That(Select(rules, new RuleFilter { Tags = ["iam"], Severities = ["high+"], Packs = ["aws/iam"], Globs = ["cloud-*"] }), Is.EqualTo(new[] { "cloud-account" }));
    }

    [Test]
    public void APackIsAFolderOrAPackFile()
    {
        using var rules = Rules();
        rules.Write("watch.pack.yml", "description: what we watch\nrules: [logging-stopped]\n");

        Assert.That(Select(rules, new RuleFilter { Packs = ["aws/iam"] }), Is.EqualTo(new[] { "cloud-account", "valid-accounts" }));
        Assert.That(Select(rules, new RuleFilter { Packs = ["watch"] }), Is.EqualTo(new[] { "logging-stopped" }));
    }

    [Test]
    public void UnusableValuesAreAllReportedNamingTheOption()
    {
        using var rules = Rules();
        var problems = new List<Diagnostic>();

        var include = new RuleFilter { Severities = ["hihg"], Techniques = ["X1078"], Ids = ["cloud-acount"], Packs = ["gcp"] }.Resolve(rules.Root, rules.Load().Rules, problems);

        Assert.That(include, Is.Null);
        Assert.That(problems.Select(p => $"{p.Code}: {p.Message}"), Is.EquivalentTo(new[]
        {
            "DK1013: no pack named 'gcp'; packs here: aws, aws/cloudtrail, aws/iam",
            "DK3010: --severity 'hihg' is not a severity; use one of info, low, medium, high, critical, or one followed by + for it and above (high+)",
            "DK3010: --technique 'X1078' is not an ATT&CK technique id; write it as T1078, or T1078.004 for a sub-technique",
            "DK3011: --rule 'cloud-acount': no rule has this id; did you mean 'cloud-account'?",
        }));
    }

    [Test]
    public void NothingSelectedNamesTheValueThatSelectsNoRuleWithTheClosestTag()
    {
        using var rules = Rules();

        var alone = new RuleFilter { Tags = ["tamperring"], Severities = ["high"] }.NothingSelected(rules.Root, rules.Load().Rules);
        var together = new RuleFilter { Tags = ["tampering"], Severities = ["low"] }.NothingSelected(rules.Root, rules.Load().Rules);

        Assert.That((alone.Code, alone.Message), Is.EqualTo((DiagnosticCodes.FilterSelectsNothing, "no rule matches --tag 'tamperring' (did you mean 'tampering'?)")));
        Assert.That(together.Message, Does.StartWith("no rule matches --tag tampering --severity low together"));
    }

    [Test]
    public void AnEmptyFilterIsEmptyAndDescribesNothing()
    {
        Assert.That(new RuleFilter().IsEmpty, Is.True);
        Assert.That(new RuleFilter { Tags = ["iam"], Severities = ["high+"] }.Describe(), Is.EqualTo("--tag iam --severity high+"));
    }

    private static string[]? Select(TempRulesDirectory rules, RuleFilter filter)
    {
        var loaded = rules.Load().Rules;
        var include = filter.Resolve(rules.Root, loaded, new List<Diagnostic>());
        return include is null ? null : [.. loaded.Where(include).Select(r => r.Id).Order(StringComparer.Ordinal)];
    }

    private static TempRulesDirectory Rules()
    {
        var rules = new TempRulesDirectory();
        rules.AddRule("aws/iam/valid-accounts", Scripts.MatchesSuccess, RuleYaml.Rule("valid-accounts", severity: "low", extra: "tags: [iam]\nmitre: [T1078]\n"));
        rules.AddRule("aws/iam/cloud-account", Scripts.MatchesSuccess, RuleYaml.Rule("cloud-account", severity: "high", extra: "tags: [iam, persistence]\nmitre: [T1078.004, T1098]\n"));
        rules.AddRule("aws/cloudtrail/logging-stopped", Scripts.MatchesSuccess, RuleYaml.Rule("logging-stopped", severity: "critical", extra: "tags: [tampering]\nmitre: [T1562.008]\n"));
        return rules;
    }
}
