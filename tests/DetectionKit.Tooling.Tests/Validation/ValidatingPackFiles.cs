using DetectionKit.Engine.Packs;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Validation;

namespace DetectionKit.Tooling.Tests.Validation;

public sealed class ValidatingPackFiles
{
    [Test]
    public void ValidationReportsPackEntriesThatSelectNothing()
    {
        using var rules = PackedRules.Create();
        rules.Write("stale.pack.yml", "rules: [aws.iam.renamed]\npacks: [azure]\n");

        var diagnostics = PackValidator.Validate(PackFileParser.Parse(rules.PathOf("stale.pack.yml"), rules.Root, [])!, rules.Load().Rules).ToList();
        var problems = diagnostics.Select(d => d.Message).ToList();

        Assert.That(problems, Is.EqualTo(new[]
        {
            "pack 'stale': rules entry 'aws.iam.renamed' matches no rule id",
            "pack 'stale': packs entry 'azure' is not a folder of rules",
            "pack 'stale' selects no rule",
        }));
        Assert.That(diagnostics.Select(d => (d.Location.Line, d.Location.Column)), Is.EqualTo(new[] { (1, 9), (2, 9), (1, 1) }), "each entry is reported where it is written");
    }
}
