using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Loading;
using DetectionKit.Rules.Tests.Support;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Testing;
using DetectionKit.Tooling.Validation;

namespace DetectionKit.Rules.Tests;

/// <summary>
/// The shipped rules as NUnit tests: every recorded case of every rule is its own test, named
/// <c>pack/name: case</c>, and every rule is validated (schema, compilation, case gate, snapshot).
/// The harness runs once (<see cref="ShippedRun"/>); the tests only read its results.
/// </summary>
[TestFixture]
public sealed class ShippedRules
{
    private static readonly Lazy<ValidationReport> Validation = new(() => RuleValidation.Validate(RepositoryPaths.Rules, captures: ShippedRun.Captures));
    private static readonly Lazy<RuleLoadResult> Loaded = new(() => RuleLoader.Load(RepositoryPaths.Rules));

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var rule in Loaded.Value.Rules)
        {
            foreach (var testCase in rule.Tests)
            {
                yield return new TestCaseData(rule.Id, testCase.Name).SetName($"{rule.RelativeName}: {testCase.Name}");
            }
        }
    }

    public static IEnumerable<TestCaseData> RuleFiles() =>
        RuleLoader.FindRuleFiles(RepositoryPaths.Rules)
            .Select(file => new TestCaseData(file).SetName($"validate {Path.GetRelativePath(RepositoryPaths.Rules, file)}"));

    [TestCaseSource(nameof(Cases))]
    public void CasePasses(string ruleId, string caseName)
    {
        var rule = ShippedRun.Result.Rules.Single(r => r.Rule.Id == ruleId);
        Assert.That(rule.Compiled, Is.True, () => "the rule did not compile:\n" + string.Join("\n", rule.RuleFailures));
        var result = rule.Cases.Single(c => c.Name == caseName);
        Assert.That(result.Passed, Is.True, () => string.Join("\n", result.Failures) + AcceptHint(rule));
    }

    [TestCaseSource(nameof(RuleFiles))]
    public void RuleFileIsValid(string file)
    {
        var problems = Validation.Value.Diagnostics
            .Where(d => d.IsError && (d.Location.Path == file || IsAboutRuleIn(d, file)))
            .Select(d => d.ToString())
            .ToList();
        Assert.That(problems, Is.Empty, () => string.Join("\n", problems));
    }

    [TestCaseSource(nameof(RuleFiles))]
    public void RuleFileStartsWithTheSchemaHeaderForEditors(string file)
    {
        var first = File.ReadLines(file).First();
        const string header = "# yaml-language-server: $schema=";
        Assert.That(first, Does.StartWith(header), "editors find rules.schema.json through this first line");
        var schema = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, first[header.Length..].Trim()));
        Assert.That(schema, Is.EqualTo(Path.Combine(RepositoryPaths.Root, "rules.schema.json")));
    }

    [Test]
    public void WhatLiesBesideTheRuleFilesIsValid()
    {
        var ruleFiles = RuleLoader.FindRuleFiles(RepositoryPaths.Rules).ToHashSet(StringComparer.Ordinal);
        var problems = Validation.Value.Diagnostics
            .Where(d => d.IsError && !ruleFiles.Contains(d.Location.Path) && !Loaded.Value.Rules.Any(r => r.Id == d.RuleId))
            .Select(d => d.ToString())
            .ToList();
        Assert.That(problems, Is.Empty, () => "snapshots without a rule, the captures' verified alerts, pack files:\n" + string.Join("\n", problems));
    }

    [Test]
    public void NoSnapshotIsDangling()
    {
        var dangling = ShippedRun.Result.DanglingSnapshots.Concat(ShippedRun.Result.Rules.SelectMany(r => r.RuleFailures)).Select(d => d.ToString()).ToList();
        Assert.That(dangling, Is.Empty, () => string.Join("\n", dangling));
    }

    private static bool IsAboutRuleIn(Diagnostic diagnostic, string file) =>
        diagnostic.RuleId is { } id && Loaded.Value.Rules.Any(r => r.Id == id && r.YamlPath == file);

    private static string AcceptHint(RuleTestResult rule) =>
        rule.Snapshot == SnapshotOutcome.ReceivedWritten
            ? $"\nwrote {rule.Rule.ReceivedSnapshotPath}; if right: dotnet run --project engine/DetectionKit.Cli -- test --filter {rule.Rule.Id} --accept"
            : string.Empty;
}
