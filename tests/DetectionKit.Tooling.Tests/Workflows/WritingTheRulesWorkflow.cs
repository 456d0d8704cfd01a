using System.Text.RegularExpressions;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Workflows;

namespace DetectionKit.Tooling.Tests.Workflows;

public sealed partial class WritingTheRulesWorkflow
{
    /// <summary>What DetectionKit's own repository gates on: its rules, the example settings, the tool built from source.</summary>
    public static readonly RulesWorkflowOptions ThisRepository = new() { Rules = "rules", Settings = "docs/example.settings.yml", ToolProject = "engine/DetectionKit.Cli" };

    [Test]
    public void TheRepositorysWorkflowIsTheTemplateForThisRepository()
    {
        var committed = File.ReadAllText(Path.Combine(RepositoryPaths.Root, ".github", "workflows", "rules.yml"));

        Assert.That(committed, Is.EqualTo(RulesWorkflow.Render(ThisRepository)), $"regenerate it from the repository root: {RulesWorkflow.CommandLine(ThisRepository)} --force");
    }

    [Test]
    public void ASeparateRulesRepositoryRestoresTheToolFromItsManifest()
    {
        var workflow = RulesWorkflow.Render(new RulesWorkflowOptions());

        Assert.That(workflow, Does.Contain("run: dotnet tool restore"));
        Assert.That(workflow, Does.Not.Contain("dotnet pack"));
        Assert.That(workflow, Does.Contain("run: dotnet detectionkit validate --rules rules --format github"));
        Assert.That(workflow, Does.Contain("run: dotnet detectionkit test --rules rules --benign --format junit --out detectionkit-results/test-results.xml"));
        Assert.That(workflow, Does.Contain("run: dotnet detectionkit coverage --rules rules --format html --out detectionkit-results/coverage.html"));
        Assert.That(workflow, Does.Contain("# Written by `detectionkit init workflow`;"));
    }

    [Test]
    public void NoCompiledRuleCacheIsRestoredAndEveryActionIsPinnedToACommit()
    {
        foreach (var workflow in new[] { RulesWorkflow.Render(new RulesWorkflowOptions()), RulesWorkflow.Render(ThisRepository) })
        {
            Assert.That(workflow, Does.Contain("DETECTIONKIT_CACHE: \"off\""));
            Assert.That(workflow, Does.Not.Contain("uses: actions/cache"));
            var uses = UsesLine().Matches(workflow).Select(m => m.Groups[1].Value).ToList();
            Assert.That(uses, Has.Count.EqualTo(4));
            Assert.That(uses, Has.All.Match("^[a-z-]+/[a-z-]+@[0-9a-f]{40} # v[0-9.]+$"));
        }
    }

    [Test]
    public void AnotherRulesFolderAndASettingsFileReachEveryCommand()
    {
        var options = new RulesWorkflowOptions { Rules = "detections", Settings = "org/settings.yml" };
        var workflow = RulesWorkflow.Render(options);

        Assert.That(workflow, Does.Contain("run: dotnet detectionkit validate --rules detections --settings org/settings.yml --format github"));
        Assert.That(workflow, Does.Contain("run: dotnet detectionkit test --rules detections --benign"));
        Assert.That(workflow, Does.Contain("run: dotnet detectionkit coverage --rules detections "));
        Assert.That(RulesWorkflow.CommandLine(options), Is.EqualTo("detectionkit init workflow --rules detections --settings org/settings.yml"));
        Assert.That(RulesWorkflow.LocalCommands(options), Is.EqualTo(new[]
        {
            "dotnet detectionkit validate --rules detections --settings org/settings.yml",
            "dotnet detectionkit test --rules detections --benign",
        }));
    }

    [GeneratedRegex(@"uses: (.+)$", RegexOptions.Multiline)]
    private static partial Regex UsesLine();
}
