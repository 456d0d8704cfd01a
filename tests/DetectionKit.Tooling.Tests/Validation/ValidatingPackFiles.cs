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

    [Test]
    public void APackThatBreaksItsSchemaHasItsEntriesCheckedInTheSamePass()
    {
        using var rules = PackedRules.Create();
        rules.Write("mixed.pack.yml", "rules: [aws.iam.renamed, 7]\ntags: tampering\ncolour: red\n");
        var diagnostics = new List<DetectionKit.Engine.Diagnostics.Diagnostic>();

        var pack = PackFileParser.Parse(rules.PathOf("mixed.pack.yml"), rules.Root, diagnostics)!;
        diagnostics.AddRange(PackValidator.Validate(pack, rules.Load().Rules));

        Assert.That(pack.IsValid, Is.False);
        Assert.That(diagnostics.Select(d => $"{d.Location.Line}:{d.Location.Column} {d.Code}").Order(StringComparer.Ordinal), Is.EqualTo(new[]
        {
            "1:26 DK1002", // 7 is not an id
            "1:26 DK1013", // and matches no rule, at its own place in the list
            "1:9 DK1013",  // aws.iam.renamed matches no rule
            "2:1 DK1002",  // tags is not a list
            "3:1 DK1003",  // colour is no key of a pack
        }));
        Assert.That(diagnostics.Select(d => d.Message), Has.None.Contains("selects no rule"), "a pack the schema refused selects nothing, and the schema has said why");
    }
}
