using DetectionKit.Cli.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Cli.Tests.Commands;

/// <summary><c>run --rule ID</c>: try one rule on a file, and the filters <c>run</c> shares with <c>test</c>.</summary>
public sealed class RunningOneRule
{
    private static string Capture => Path.Combine(RepositoryPaths.Fixtures, "stratus-red-team", "aws.defense-evasion.cloudtrail-stop.json");

    [Test]
    public void OnlyTheNamedRuleIsEvaluated()
    {
        var all = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", Capture);
        var one = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", Capture, "--rule", "aws.cloudtrail.logging-stopped");

        Assert.That(one.ExitCode, Is.EqualTo(0), one.ToString);
        Assert.That(one.Error, Does.Contain("rules loaded: 1,"));
        Assert.That(one.OutLines, Is.Not.Empty);
        Assert.That(one.OutLines, Is.All.Contain("\"ruleId\":\"aws.cloudtrail.logging-stopped\""));
        Assert.That(all.OutLines.Count, Is.GreaterThanOrEqualTo(one.OutLines.Count));
    }

    [Test]
    public void ADisabledRuleRunsWhenNamedWithANote()
    {
        using var workspace = new RulesWorkspace();
        workspace.AddFile("fixtures/stop.json", File.ReadAllText(Capture));
        workspace.AddRule("aws/stop-logging", SampleRules.StopLoggingYaml.Replace("severity: high", "severity: high\nenabled: false", StringComparison.Ordinal).Replace("../fixtures/", "../../fixtures/", StringComparison.Ordinal), SampleRules.StopLoggingScript);
        var source = Path.Combine(workspace.Root, "fixtures", "stop.json");

        var unnamed = Shell.Run("run", "--rules", workspace.Rules, "--source", source);
        var named = Shell.Run("run", "--rules", workspace.Rules, "--source", source, "--rule", "sample.stop-logging");

        Assert.That(unnamed.Out, Is.Empty, "a disabled rule does not run");
        Assert.That(named.ExitCode, Is.EqualTo(0), named.ToString);
        Assert.That(named.Error, Does.Contain("note: sample.stop-logging is disabled; it runs because --rule names it"));
        Assert.That(named.Out, Does.Contain("\"ruleId\":\"sample.stop-logging\""));
    }

    [Test]
    public void AnUnknownIdIsAUsageErrorWithTheClosestId()
    {
        var result = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", Capture, "--rule", "aws.cloudtrail.loging-stopped");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("error DK3011: --rule 'aws.cloudtrail.loging-stopped': no rule has this id; did you mean 'aws.cloudtrail.logging-stopped'?"));
        Assert.That(result.Out, Is.Empty);
    }

    [Test]
    public void RunTakesTheFiltersTestTakes()
    {
        var tagged = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", Capture, "--tag", "no-such-tag");
        var technique = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", Capture, "--technique", "T1562");

        Assert.That(tagged.ExitCode, Is.EqualTo(2));
        Assert.That(tagged.Error, Does.Contain("error DK3009: the filter --tag no-such-tag selects no enabled rule that loaded"));
        Assert.That(technique.ExitCode, Is.EqualTo(0), technique.ToString);
        Assert.That(technique.Out, Does.Contain("\"ruleId\":\"aws.cloudtrail.logging-stopped\""));
    }
}
