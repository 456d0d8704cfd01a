using System.Text;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Loading;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Loading;

/// <summary>
/// A case file is a handful of records: one that never ends (<c>/dev/zero</c>) or is huge costs a
/// bounded read and a clear error naming it, and the rule still loads to run, without that case.
/// </summary>
public sealed class BoundingCaseFiles
{
    /// <summary>Well above the case file limits (16 MiB read, 4 MiB a record); far below reading a gigabyte whole.</summary>
    private const long AllocationLimit = 96L * 1024 * 1024;

    [Test]
    public void ACaseFileLinkedToDevZeroIsRefusedWithoutBeingRead()
    {
        using var tree = new TempRulesDirectory();
        Directory.CreateDirectory(tree.PathOf("repo/rules/cases"));
        File.CreateSymbolicLink(tree.PathOf("repo/rules/cases/zero.json"), "/dev/zero");
        AddRule(tree, "cases/zero.json");

        var refused = LoadWithoutTheCase(tree, out var allocated);

        Assert.That(refused.Code, Is.EqualTo(DiagnosticCodes.CaseFileOutsideRepository));
        Assert.That(refused.Message, Does.Contain("'cases/zero.json'").And.Contain("/dev/zero"));
        Assert.That(allocated, Is.LessThan(AllocationLimit));
    }

    [Test]
    public void AGigabyteCaseFileIsReadOnlyToItsLimitAndReported()
    {
        using var tree = new TempRulesDirectory();
        var path = tree.PathOf("repo/rules/cases/huge.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var file = File.Create(path))
        {
            file.SetLength(1L << 30); // sparse zeros: a gigabyte that never ends a line, at no cost in disk
        }

        AddRule(tree, "cases/huge.json");

        var problems = LoadProblems(tree, out var allocated);

        Assert.That(problems.Select(p => p.Code), Is.All.EqualTo(DiagnosticCodes.CaseFileUnreadable));
        Assert.That(problems.Select(p => p.Message), Has.Some.Contains("cases/huge.json").And.Some.Contains("expands past 16 MiB"));
        Assert.That(allocated, Is.LessThan(AllocationLimit));
    }

    [Test]
    public void ACaseFileOfRealRecordsPastTheLimitIsReportedNotHeld()
    {
        using var tree = new TempRulesDirectory();
        var record = Some.Record().ToJsonString();
        var text = new StringBuilder("{\"Records\":[");
        while (text.Length < 20 * 1024 * 1024)
        {
            text.Append(record).Append(',');
        }

        text.Append(record).Append("]}");
        tree.Write("repo/rules/cases/many.json", text.ToString());
        AddRule(tree, "cases/many.json");

        var problems = LoadProblems(tree, out _);

        Assert.That(problems.Single().Code, Is.EqualTo(DiagnosticCodes.CaseFileUnreadable));
        Assert.That(problems.Single().Message, Does.Contain("cases/many.json").And.Contain("expands past 16 MiB"));
    }

    [Test]
    public void ACaseRecordPastTheRecordLimitIsReportedAndSkipped()
    {
        using var tree = new TempRulesDirectory();
        var record = Some.Record();
        record["requestParameters"] = new System.Text.Json.Nodes.JsonObject { ["blob"] = new string('a', 5 * 1024 * 1024) };
        tree.Write("repo/rules/cases/big.json", record.ToJsonString());
        AddRule(tree, "cases/big.json");

        var problems = LoadProblems(tree, out _);

        Assert.That(problems.Single().Code, Is.EqualTo(DiagnosticCodes.CaseFileUnreadable));
        Assert.That(problems.Single().Message, Does.Contain("cases/big.json").And.Contain("larger than 4 MiB"));
    }

    private static void AddRule(TempRulesDirectory tree, string file) =>
        tree.AddRule("repo/rules/rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", tests: RuleYaml.Case("inline", false, Some.Record(errorCode: "AccessDenied")) + RuleYaml.FileCase("recorded", true, file)));

    private static Diagnostic LoadWithoutTheCase(TempRulesDirectory tree, out long allocated) => LoadProblems(tree, out allocated).Single();

    /// <summary>The problems of loading the rule, which still loads with its inline case only.</summary>
    private static IReadOnlyList<Diagnostic> LoadProblems(TempRulesDirectory tree, out long allocated)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var loaded = RuleLoader.Load(tree.PathOf("repo/rules"));
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(loaded.Rules.Single().Tests.Select(t => t.Name), Is.EqualTo(new[] { "inline" }));
        Assert.That(loaded.Diagnostics, Is.Not.Empty);
        return loaded.Diagnostics;
    }
}
