using System.Text.Json;
using System.Xml.Linq;
using DetectionKit.Cli.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Cli.Tests.Commands;

public sealed class TestCommandTests
{
    [Test]
    public void RulesWrittenAgainstTheContractPassAcceptThenTest()
    {
        using var workspace = AuthorsWorkspace();

        var accept = Shell.Run("test", "--rules", workspace.Rules, "--accept");
        var test = Shell.Run("test", "--rules", workspace.Rules);

        Assert.That(accept.ExitCode, Is.EqualTo(0), accept.ToString);
        Assert.That(test.ExitCode, Is.EqualTo(0), test.ToString);
        Assert.That(test.OutLines[^1], Is.EqualTo("4 passed, 0 failed"));
        Assert.That(Directory.GetFiles(workspace.Rules, "*.received.json", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public void WithoutASnapshotTheFirstRunFailsAndWritesTheReceivedFile()
    {
        using var workspace = AuthorsWorkspace();

        var result = Shell.Run("test", "--rules", workspace.Rules);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(File.Exists(Path.Combine(workspace.Rules, "aws", "stop-logging.received.json")), Is.True);
        Assert.That(result.Out, Does.Contain("test --filter sample.stop-logging --accept"));
        Assert.That(result.OutLines[^1], Is.EqualTo("0 passed, 4 failed"));
    }

    [Test]
    public void AChangedTitleFailsNamingTheFieldAndBothSnapshotFiles()
    {
        using var workspace = AuthorsWorkspace();
        Shell.Run("test", "--rules", workspace.Rules, "--accept");
        var script = Path.Combine(workspace.Rules, "aws", "stop-logging.csx");
        File.WriteAllText(script, File.ReadAllText(script).Replace("stopped", "halted", StringComparison.Ordinal));

        var result = Shell.Run("test", "--rules", workspace.Rules);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Out, Does.Contain("FAIL sample.stop-logging / stratus capture"));
        Assert.That(result.Out, Does.Contain("~ title: verified"));
        Assert.That(result.Out, Does.Contain("stop-logging.received.json").And.Contain("stop-logging.verified.json"));
        Assert.That(result.OutLines[^1], Is.EqualTo("3 passed, 1 failed"));
    }

    [Test]
    public void FilterSelectsRulesByIdGlob()
    {
        using var workspace = AuthorsWorkspace();

        var result = Shell.Run("test", "--rules", workspace.Rules, "--filter", "sample.ins*", "--accept");

        Assert.That(result.OutLines[^1], Is.EqualTo("2 passed, 0 failed"));
        Assert.That(File.Exists(Path.Combine(workspace.Rules, "aws", "stop-logging.verified.json")), Is.False);
    }

    [Test]
    public void JsonAndJUnitReportsAreWellFormed()
    {
        using var workspace = AuthorsWorkspace();
        Shell.Run("test", "--rules", workspace.Rules, "--accept");

        var json = Shell.Run("test", "--rules", workspace.Rules, "--format", "json");
        var junit = Shell.Run("test", "--rules", workspace.Rules, "--format", "junit");

        using var document = JsonDocument.Parse(json.Out);
        Assert.That(document.RootElement.GetProperty("passed").GetInt32(), Is.EqualTo(4));
        var suites = XDocument.Parse(junit.Out).Root!;
        Assert.That(suites.Attribute("tests")!.Value, Is.EqualTo("4"));
        Assert.That(suites.Elements("testsuite").Select(s => s.Attribute("name")!.Value), Is.EquivalentTo(new[] { "sample.insight", "sample.stop-logging" }));
    }

    [Test]
    public void AMissingRulesDirectoryIsAUsageError()
    {
        var result = Shell.Run("test", "--rules", "/nonexistent/rules");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("/nonexistent/rules: DK1009: the rules directory does not exist"));
    }

    [Test]
    public void ARuleFileThatDoesNotLoadFailsAFilteredRunToo()
    {
        using var workspace = AuthorsWorkspace();
        workspace.AddRule("aws/typo", "id: sample.typo\ntitle: T\nserverity: low\ntests: []\n", "bool Rule(CloudTrailEvent e) => true;\n");
        Shell.Run("test", "--rules", workspace.Rules, "--accept");

        var result = Shell.Run("test", "--rules", workspace.Rules, "--filter", "sample.typo");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Out, Does.Contain("typo.yml:3:1: error DK1003: unknown key 'serverity'"));
    }

    [Test]
    public void AFilterThatMatchesNoRuleIsAUsageError()
    {
        using var workspace = AuthorsWorkspace();

        var result = Shell.Run("test", "--rules", workspace.Rules, "--filter", "no.such.rule");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("no rule matches --filter 'no.such.rule'"));
    }

    [Test]
    public void APositiveCaseTheMatchBlockFiltersOutSaysSo()
    {
        using var workspace = AuthorsWorkspace();
        Shell.Run("test", "--rules", workspace.Rules, "--accept");
        var yaml = Path.Combine(workspace.Rules, "aws", "stop-logging.yml");
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("eventName: [StopLogging]", "eventName: [StopLoging]", StringComparison.Ordinal));

        var result = Shell.Run("test", "--rules", workspace.Rules);

        Assert.That(result.Out, Does.Contain("expected the rule to match, but it did not (the event never reached the script: its eventSource 'cloudtrail.amazonaws.com' and eventName 'StopLogging' do not pass the rule's match block [cloudtrail.amazonaws.com, StopLoging])"));
    }

    [Test]
    public void AnUnknownOptionIsAUsageError()
    {
        var result = Shell.Run("test", "--no-such-option");

        Assert.That(result.ExitCode, Is.EqualTo(2));
    }

    internal static RulesWorkspace AuthorsWorkspace()
    {
        var workspace = new RulesWorkspace();
        workspace.AddFile("fixtures/stop.json", File.ReadAllText(Path.Combine(RepositoryPaths.Fixtures, "stratus-red-team", "aws.defense-evasion.cloudtrail-stop.json")));
        workspace.AddRule("aws/stop-logging", SampleRules.StopLoggingYaml.Replace("../fixtures/", "../../fixtures/", StringComparison.Ordinal), SampleRules.StopLoggingScript);
        workspace.AddRule("aws/insight", SampleRules.InsightYaml, SampleRules.InsightScript);
        return workspace;
    }
}
