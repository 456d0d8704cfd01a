using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Packs;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Packs;

public sealed class SelectingRulesByPack
{
    [Test]
    public void AFolderPackTakesItsFolderAndTheFoldersBelowIt()
    {
        using var rules = PackedRules.Create();

        Assert.That(Select(rules, "aws/iam"), Is.EqualTo(new[] { "aws.iam.keys", "aws.iam.users.created" }));
        Assert.That(Select(rules, "aws"), Has.Length.EqualTo(3));
    }

    [Test]
    public void APackFileSelectsByIdGlobTagAndFolderMinusExclusions()
    {
        using var rules = PackedRules.Create();
        rules.Write("focus.pack.yml", "description: focus\nrules: [\"aws.iam.u*\"]\ntags: [tampering]\npacks: [gcp]\nexclude: [gcp.audit]\n");

        Assert.That(Select(rules, "focus"), Is.EqualTo(new[] { "aws.cloudtrail.stop", "aws.iam.users.created", "gcp.other" }));
    }

    [Test]
    public void SeveralPacksAreUnited()
    {
        using var rules = PackedRules.Create();

        Assert.That(Select(rules, "aws/cloudtrail", "gcp"), Is.EqualTo(new[] { "aws.cloudtrail.stop", "gcp.audit", "gcp.other" }));
    }

    [Test]
    public void AnUnknownPackIsAnErrorListingThePacksThatExist()
    {
        using var rules = PackedRules.Create();
        var diagnostics = new List<Diagnostic>();

        var filter = PackSelector.Resolve(["aws/ec2"], rules.Root, rules.Load().Rules, diagnostics);

        Assert.That(filter, Is.Null);
        Assert.That(diagnostics.Single().Message, Is.EqualTo("no pack named 'aws/ec2'; packs here: aws, aws/cloudtrail, aws/iam, aws/iam/users, gcp"));
    }

    [Test]
    public void AMisspelledKeyInAPackFileIsReportedAtItsLine()
    {
        using var rules = PackedRules.Create();
        rules.Write("bad.pack.yml", "description: x\nrulez: [a]\n");
        var diagnostics = new List<Diagnostic>();

        PackSelector.Resolve(["bad"], rules.Root, rules.Load().Rules, diagnostics);

        Assert.That(diagnostics.Single().ToString(), Does.EndWith("bad.pack.yml:2:1: error DK1003: unknown key 'rulez' (did you mean 'rules'?)"));
    }

    private static string[] Select(TempRulesDirectory rules, params string[] packs)
    {
        var loaded = rules.Load();
        var diagnostics = new List<Diagnostic>();
        var filter = PackSelector.Resolve(packs, rules.Root, loaded.Rules, diagnostics);
        Assert.That(diagnostics, Is.Empty);
        return loaded.Rules.Where(filter!).Select(r => r.Id).Order(StringComparer.Ordinal).ToArray();
    }
}
