using DetectionKit.Engine.Rules;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Watching;

namespace DetectionKit.Tooling.Tests.Watching;

public sealed class FindingTheRulesAChangeConcerns
{
    [Test]
    public void ARulesYamlScriptSnapshotOrCaseFileConcernsThatRuleOnly()
    {
        using var rules = Rules();
        var loaded = rules.Load().Rules;

        foreach (var file in new[] { "aws/keys.yml", "aws/keys.csx", "aws/keys.verified.json", "cases/keys.json" })
        {
            Assert.That(Concerned(rules, loaded, file), Is.EqualTo(new[] { "aws.keys" }), file);
        }
    }

    [TestCase("cases/keys.jsonl")]
    [TestCase("cases/keys.ndjson")]
    [TestCase("cases/keys.json.gz")]
    public void ACaseFileOfEveryShapeIsAChange(string file)
    {
        using var rules = Rules();

        Assert.That(ChangedRules.Of([rules.PathOf(file)], rules.Root, null).Any, Is.True);
    }

    [Test]
    public void ALibraryConcernsTheRulesThatLoadItDirectlyOrThroughAnotherLibrary()
    {
        using var rules = Rules();
        var loaded = rules.Load().Rules;

        Assert.That(Concerned(rules, loaded, "_lib/arns.csx"), Is.EqualTo(new[] { "aws.keys", "aws.trail" }), "keys loads it through names.csx");
        Assert.That(Concerned(rules, loaded, "_lib/names.csx"), Is.EqualTo(new[] { "aws.keys" }));
    }

    [Test]
    public void TheSettingsFileAPackFileOrLostEventsConcernEveryRule()
    {
        using var rules = Rules();
        var settings = rules.Write("org.settings.yml", "parameters: {}\n");

        Assert.That(ChangedRules.Of([settings], rules.Root, settings).Everything, Is.True);
        Assert.That(ChangedRules.Of([rules.PathOf("focus.pack.yml")], rules.Root, null).Everything, Is.True);
        Assert.That(ChangedRules.Of([FileEvents.Overflow], rules.Root, null).Everything, Is.True);
    }

    [Test]
    public void ReceivedSnapshotsAndAnEditorsTemporaryFilesConcernNothing()
    {
        using var rules = Rules();

        var changed = ChangedRules.Of([rules.PathOf("aws/keys.received.json"), rules.PathOf("aws/.keys.csx.swp"), rules.PathOf("aws/keys.csx~")], rules.Root, null);

        Assert.That((changed.Any, changed.Paths.Count), Is.EqualTo((false, 0)));
    }

    private static string[] Concerned(TempRulesDirectory rules, IReadOnlyList<RuleDefinition> loaded, string file)
    {
        var changed = ChangedRules.Of([rules.PathOf(file)], rules.Root, null);
        Assert.That(changed.Any, Is.True, file);
        return [.. loaded.Where(changed.Concerns).Select(r => r.Id).Order(StringComparer.Ordinal)];
    }

    private static TempRulesDirectory Rules()
    {
        var rules = new TempRulesDirectory();
        rules.Write("_lib/arns.csx", "static string Last(string arn) => arn.Split('/')[^1];\n");
        rules.Write("_lib/names.csx", "#load \"arns.csx\"\nstatic string Name(string arn) => Last(arn);\n");
        rules.Write("cases/keys.json", Some.Record().ToJsonString());
        rules.AddRule("aws/keys", "#load \"../_lib/names.csx\"\n" + Scripts.MatchesSuccess, RuleYaml.Rule("aws.keys", tests: RuleYaml.DefaultCases + RuleYaml.FileCase("from a file", true, "../cases/keys.json")));
        rules.AddRule("aws/trail", "#load \"../_lib/arns.csx\"\n" + Scripts.MatchesSuccess, RuleYaml.Rule("aws.trail"));
        rules.AddRule("aws/other", Scripts.MatchesSuccess, RuleYaml.Rule("aws.other"));
        return rules;
    }
}
