using System.Text;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Loading;
using DetectionKit.Engine.Packs;
using DetectionKit.Engine.Scheduling;
using DetectionKit.Engine.Settings;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Loading;

/// <summary>
/// Every YAML loader reads through one bounded path: an alias bomb, a self-referencing alias, nesting
/// thousands deep, a huge file or a link to <c>/dev/zero</c> is refused at its file (and line) in
/// bounded time and memory, before anything is built from it.
/// </summary>
public sealed class RefusingHostileYaml
{
    /// <summary>"Billion laughs": under 800 bytes, 10^9 values once expanded (6 GB in validate before this was bounded).</summary>
    private static readonly string AliasBomb = BillionLaughs();

    /// <summary>Far more than any bounded read of these files allocates; a fraction of what expanding the bomb would.</summary>
    private const long AllocationLimit = 64L * 1024 * 1024;

    [Test]
    public void AnAliasBombIsRefusedAtTheAliasThatTakesItPastTheLimit()
    {
        var problems = new List<Diagnostic>();
        var before = GC.GetAllocatedBytesForCurrentThread();

        var document = YamlDocument.Parse("/rules/bomb.yml", AliasBomb, problems);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(document, Is.Null);
        var refused = problems.Single();
        Assert.Multiple(() =>
        {
            Assert.That(refused.Code, Is.EqualTo(DiagnosticCodes.YamlAliasRefused));
            Assert.That(refused.Location.Path, Is.EqualTo("/rules/bomb.yml"));
            Assert.That(refused.Location.Line, Is.EqualTo(6), "lol5's ten aliases of lol4 (11,111 values each) pass 20,000");
            Assert.That(refused.Location.Column, Is.GreaterThan(1));
            Assert.That(refused.Message, Does.Contain("'*lol4'").And.Contain("20,000 values").And.Contain("alias bomb"));
            Assert.That(allocated, Is.LessThan(AllocationLimit));
        });
    }

    [TestCase("rule")]
    [TestCase("pack")]
    [TestCase("schedule")]
    [TestCase("settings")]
    public void EveryLoaderRefusesTheAliasBombWithItsFileName(string loader)
    {
        using var tree = new TempRulesDirectory();
        var before = GC.GetAllocatedBytesForCurrentThread();

        var (path, problems) = Load(tree, loader, "bomb", AliasBomb);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var refused = problems.Single(p => p.IsError);
        Assert.Multiple(() =>
        {
            Assert.That(refused.Code, Is.EqualTo(DiagnosticCodes.YamlAliasRefused));
            Assert.That(refused.Location.Path, Is.EqualTo(path));
            Assert.That(refused.Location.Line, Is.EqualTo(6));
            Assert.That(allocated, Is.LessThan(AllocationLimit));
        });
    }

    [Test]
    public void AnAliasInsideTheListItNamesIsRefusedInsteadOfRepeatingWithoutEnd()
    {
        var problems = new List<Diagnostic>();

        var document = YamlDocument.Parse("/rules/loop.yml", "id: x\ntags: &self\n  - a\n  - *self\n", problems);

        Assert.That(document, Is.Null);
        Assert.That(problems.Single().Code, Is.EqualTo(DiagnosticCodes.YamlAliasRefused));
        Assert.That(problems.Single().Location, Is.EqualTo(new SourceLocation("/rules/loop.yml", 4, 5)));
        Assert.That(problems.Single().Message, Does.Contain("'*self'").And.Contain("holds it"));
    }

    [Test]
    public void AnAliasBeforeItsAnchorIsRefused()
    {
        // YamlDotNet would resolve it at the end of the document, after the expansion was measured.
        var problems = new List<Diagnostic>();

        var document = YamlDocument.Parse("/rules/ahead.yml", "tags: [*later, *later]\nmitre: &later [a, b]\n", problems);

        Assert.That(document, Is.Null);
        Assert.That(problems.Single().Code, Is.EqualTo(DiagnosticCodes.YamlAliasRefused));
        Assert.That(problems.Single().Location.Line, Is.EqualTo(1));
        Assert.That(problems.Single().Message, Does.Contain("comes before any anchor '&later'"));
    }

    [Test]
    public void ARuleThatReusesValuesThroughAnchorsStillLoads()
    {
        using var tree = new TempRulesDirectory();
        var cases =
            $"  - name: stop logging\n    expect: true\n    event: &stop {Some.Record().ToJsonString()}\n" +
            "  - name: stop logging again\n    expect: true\n    event: *stop\n" +
            RuleYaml.Case("denied stop logging", false, Some.Record(errorCode: "AccessDenied"));
        tree.AddRule("anchored", "bool Rule(CloudTrailEvent e) => true;", RuleYaml.Rule(id: "anchored", tests: cases));

        var loaded = tree.Load();

        Assert.That(loaded.Diagnostics, Is.Empty);
        var tests = loaded.Rules.Single().Tests;
        Assert.That(tests, Has.Count.EqualTo(3));
        Assert.That(tests[1].Events.Single().GetRawText(), Is.EqualTo(tests[0].Events.Single().GetRawText()));
    }

    [Test]
    public void ThousandsOfNestedBracketsAreRefusedAtTheFirstLevelPastTheLimit()
    {
        // Building these would recurse once per level, past the stack: a crash no handler catches.
        var problems = new List<Diagnostic>();
        var text = "id: x\ntags: " + new string('[', 200_000) + new string(']', 200_000) + "\n";

        var document = YamlDocument.Parse("/rules/deep.yml", text, problems);

        Assert.That(document, Is.Null);
        Assert.That(problems.Single().Code, Is.EqualTo(DiagnosticCodes.YamlTooLarge));
        Assert.That(problems.Single().Location, Is.EqualTo(new SourceLocation("/rules/deep.yml", 2, 7 + YamlLimits.DefaultMaxDepth - 1)));
        Assert.That(problems.Single().Message, Does.Contain($"nested more than {YamlLimits.DefaultMaxDepth} deep"));
    }

    [Test]
    public void AnAliasThatWouldNestPastTheLimitIsRefused()
    {
        var deep = new string('[', 30) + new string(']', 30);
        var problems = new List<Diagnostic>();

        var document = YamlDocument.Parse("/rules/deep.yml", $"a: &deep {deep}\nb: {new string('[', 20)}*deep{new string(']', 20)}\n", problems);

        Assert.That(document, Is.Null);
        Assert.That(problems.Single().Code, Is.EqualTo(DiagnosticCodes.YamlAliasRefused));
        Assert.That(problems.Single().Message, Does.Contain("'*deep' nests"));
    }

    [Test]
    public void NestingAtTheLimitIsCheckedAgainstTheSchemaWithoutFault()
    {
        using var tree = new TempRulesDirectory();
        var nested = new string('[', YamlLimits.DefaultMaxDepth - 1) + "x" + new string(']', YamlLimits.DefaultMaxDepth - 1);
        var path = tree.Write("nested.yml", $"id: nested\ntitle: t\nseverity: high\ntags: {nested}\ntests: []\n");
        var problems = new List<Diagnostic>();

        var document = SchemaValidator.Rules.ReadValid(path, problems);

        Assert.That(document, Is.Null);
        Assert.That(problems, Is.Not.Empty.And.All.Matches<Diagnostic>(p => p.Code == DiagnosticCodes.SchemaViolation), string.Join("\n", problems));
    }

    [Test]
    public void AFileOfMoreValuesThanTheLimitIsRefusedWhereItPassesIt()
    {
        var problems = new List<Diagnostic>();

        var document = YamlDocument.Parse("/rules/long.yml", "tags:\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"  - t{i}\n")), problems, new YamlLimits { MaxNodes = 10 });

        Assert.That(document, Is.Null);
        Assert.That(problems.Single().Code, Is.EqualTo(DiagnosticCodes.YamlTooLarge));
        Assert.That(problems.Single().Location.Line, Is.EqualTo(9), "the root map, 'tags' and its list are three values: the eighth item is the eleventh");
    }

    [Test]
    public void AFileLargerThanTheLimitIsRefusedUnread()
    {
        using var tree = new TempRulesDirectory();
        var path = tree.PathOf("huge.yml");
        using (var file = File.Create(path))
        {
            file.SetLength(1L << 30); // sparse: a gigabyte that costs no disk
        }

        var problems = new List<Diagnostic>();
        var before = GC.GetAllocatedBytesForCurrentThread();

        var document = SchemaValidator.Rules.ReadValid(path, problems);

        Assert.That(document, Is.Null);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(AllocationLimit));
        Assert.That(problems.Single().Code, Is.EqualTo(DiagnosticCodes.YamlTooLarge));
        Assert.That(problems.Single().Location, Is.EqualTo(new SourceLocation(path)));
        Assert.That(problems.Single().Message, Does.Contain("larger than 4,096 KiB"));
    }

    [Test]
    public void ARuleFileLinkedToDevZeroIsRefusedAfterABoundedRead()
    {
        using var tree = new TempRulesDirectory();
        File.CreateSymbolicLink(tree.PathOf("zero.yml"), "/dev/zero");
        var before = GC.GetAllocatedBytesForCurrentThread();

        var loaded = tree.Load();

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(AllocationLimit));
        var refused = loaded.Diagnostics.Single();
        Assert.That(refused.Code, Is.EqualTo(DiagnosticCodes.YamlTooLarge));
        Assert.That(refused.Location.Path, Does.EndWith("zero.yml"));
    }

    [Test]
    public void AListItemThatIsAKeyWithoutANameIsASyntaxErrorNotACrash()
    {
        // Found by the fuzz pass: YamlDotNet throws an ArgumentException ("the current event is of an
        // unsupported type") for it, which ended validate as an internal error.
        var problems = new List<Diagnostic>();

        var document = YamlDocument.Parse("/rules/rule.yml", "tests:\n  - : a case without its name key\n", problems);

        Assert.That(document, Is.Null);
        Assert.That(problems.Single().Code, Is.EqualTo(DiagnosticCodes.YamlSyntax));
        Assert.That(problems.Single().Location.Path, Is.EqualTo("/rules/rule.yml"));
        Assert.That(problems.Single().Location.Line, Is.GreaterThan(0));
    }

    private static (string Path, List<Diagnostic> Problems) Load(TempRulesDirectory tree, string loader, string name, string text)
    {
        var problems = new List<Diagnostic>();
        switch (loader)
        {
            case "rule":
                var rule = tree.Write(name + ".yml", text);
                tree.Write(name + ".csx", "bool Rule(CloudTrailEvent e) => true;");
                problems.AddRange(tree.Load().Diagnostics);
                return (rule, problems);
            case "pack":
                var pack = tree.Write(name + ".pack.yml", text);
                Assert.That(PackFileParser.Parse(pack, tree.Root, problems), Is.Null);
                return (pack, problems);
            case "schedule":
                var schedule = tree.Write(name + ".schedule.yml", text);
                Assert.That(ScheduleConfigParser.Parse(schedule, problems), Is.Null);
                return (schedule, problems);
            default:
                var settings = tree.Write(name + ".settings.yml", text);
                Assert.That(SettingsFileReader.Read(settings, [], problems), Is.Null);
                return (settings, problems);
        }
    }

    private static string BillionLaughs()
    {
        var text = new StringBuilder("lol0: &lol0 \"lol\"\n");
        for (var level = 1; level <= 9; level++)
        {
            var aliases = string.Join(", ", Enumerable.Repeat($"*lol{level - 1}", 10));
            text.Append($"lol{level}: &lol{level} [{aliases}]\n");
        }

        return text.ToString();
    }
}
