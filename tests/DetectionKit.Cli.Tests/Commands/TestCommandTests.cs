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
        Assert.That(test.OutLines[^1], Is.EqualTo("5 passed, 0 failed"), "four cases and the capture beside the rules");
        Assert.That(Directory.GetFiles(workspace.Root, "*.received.json", SearchOption.AllDirectories), Is.Empty);
        Assert.That(File.Exists(Path.Combine(workspace.Root, "fixtures.verified.json")), Is.True);
    }

    [Test]
    public void WithoutASnapshotTheFirstRunFailsAndWritesTheReceivedFile()
    {
        using var workspace = AuthorsWorkspace();

        var result = Shell.Run("test", "--rules", workspace.Rules);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(File.Exists(Path.Combine(workspace.Rules, "aws", "stop-logging.received.json")), Is.True);
        Assert.That(result.Out, Does.Contain("test --filter sample.stop-logging --accept"));
        Assert.That(result.Out, Does.Contain("FAIL capture stop.json").And.Contain("no verified alerts yet (it raises sample.stop-logging)"));
        Assert.That(File.Exists(Path.Combine(workspace.Root, "fixtures.received.json")), Is.True);
        Assert.That(result.OutLines[^1], Is.EqualTo("0 passed, 5 failed"));
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
        Assert.That(result.Out, Does.Contain("FAIL capture stop.json").And.Contain("- sample.stop-logging (high, 1 event, dedup key \"Trail stratus-red-team-ct-stop-trail-buykxbqejv stopped\"): no longer raised"),
            "the capture's alert changed too: its dedup key is its title, so it is another alert");
        Assert.That(result.Out, Does.Contain("capture alerts: wrote " + Relative(workspace.Root, "fixtures.received.json") + "; compare it with " + Relative(workspace.Root, "fixtures.verified.json")));
        Assert.That(result.Out, Does.Contain("if the new alerts are right: detectionkit test --filter sample.stop-logging --accept"));
        Assert.That(result.OutLines[^1], Is.EqualTo("3 passed, 2 failed"));
    }

    [Test]
    public void FilterSelectsRulesByIdGlob()
    {
        using var workspace = AuthorsWorkspace();

        var result = Shell.Run("test", "--rules", workspace.Rules, "--filter", "sample.ins*", "--accept");

        Assert.That(result.OutLines[^1], Is.EqualTo("3 passed, 0 failed"), "two cases and the capture, with the selected rules only");
        Assert.That(File.Exists(Path.Combine(workspace.Rules, "aws", "stop-logging.verified.json")), Is.False);
        Assert.That(File.ReadAllText(Path.Combine(workspace.Root, "fixtures.verified.json")), Does.Not.Contain("sample.stop-logging"));
    }

    [Test]
    public void JsonAndJUnitReportsAreWellFormed()
    {
        using var workspace = AuthorsWorkspace();
        Shell.Run("test", "--rules", workspace.Rules, "--accept");

        var json = Shell.Run("test", "--rules", workspace.Rules, "--format", "json");
        var junit = Shell.Run("test", "--rules", workspace.Rules, "--format", "junit");

        using var document = JsonDocument.Parse(json.Out);
        Assert.That(document.RootElement.GetProperty("passed").GetInt32(), Is.EqualTo(5));
        var capture = document.RootElement.GetProperty("captures").GetProperty("results")[0];
        Assert.That((capture.GetProperty("name").GetString(), capture.GetProperty("passed").GetBoolean()), Is.EqualTo(("stop.json", true)));
        Assert.That(capture.GetProperty("received").GetProperty("alerts")[0].GetProperty("ruleId").GetString(), Is.EqualTo("sample.stop-logging"));
        var suites = XDocument.Parse(junit.Out).Root!;
        Assert.That(suites.Attribute("tests")!.Value, Is.EqualTo("5"));
        Assert.That(suites.Elements("testsuite").Select(s => s.Attribute("name")!.Value), Is.EquivalentTo(new[] { "sample.insight", "sample.stop-logging", "captures" }));
    }

    [Test]
    public void AMissingRulesDirectoryIsAUsageError()
    {
        var result = Shell.Run("test", "--rules", "/nonexistent/rules");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("/nonexistent/rules: error DK1009: the rules directory does not exist"));
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
    public void ANewRuleThatFiresOnACaptureFailsItUntilItsAlertsAreAccepted()
    {
        using var workspace = AuthorsWorkspace();
        Shell.Run("test", "--rules", workspace.Rules, "--accept");
        workspace.AddRule("aws/stop-again", SampleRules.StopLoggingYaml
            .Replace("id: sample.stop-logging", "id: sample.stop-again", StringComparison.Ordinal)
            .Replace("../fixtures/", "../../fixtures/", StringComparison.Ordinal), SampleRules.StopLoggingScript);

        var before = Shell.Run("test", "--rules", workspace.Rules);
        var accept = Shell.Run("test", "--rules", workspace.Rules, "--filter", "sample.stop-again", "--accept");
        var after = Shell.Run("test", "--rules", workspace.Rules);

        Assert.That(before.ExitCode, Is.EqualTo(1));
        Assert.That(before.Out, Does.Contain("FAIL capture stop.json (" + Relative(workspace.Root, "fixtures/stop.json") + ")\n     alerts differ from the verified ones:\n       + sample.stop-again (high, 1 event, dedup key"));
        Assert.That(before.Out, Does.Contain("if the new alerts are right: detectionkit test --filter sample.stop-again --accept"));
        Assert.That(accept.Out, Does.Contain("accepted " + Relative(workspace.Root, "fixtures.verified.json")));
        Assert.That(after.ExitCode, Is.EqualTo(0), after.ToString);
        Assert.That(File.ReadAllText(Path.Combine(workspace.Root, "fixtures.verified.json")), Does.Contain("\"ruleId\": \"sample.stop-again\"").And.Contain("\"ruleId\": \"sample.stop-logging\""));
    }

    [Test]
    public void CapturesCanBeNamedAndAMissingFolderIsAUsageError()
    {
        using var workspace = AuthorsWorkspace();
        var elsewhere = Path.Combine(workspace.Root, "captures");
        Directory.CreateDirectory(elsewhere);
        File.Copy(Path.Combine(workspace.Root, "fixtures", "stop.json"), Path.Combine(elsewhere, "stop-again.json"));

        var named = Shell.Run("test", "--rules", workspace.Rules, "--captures", elsewhere, "--accept");
        var missing = Shell.Run("test", "--rules", workspace.Rules, "--captures", Path.Combine(workspace.Root, "nowhere"));

        Assert.That(named.ExitCode, Is.EqualTo(0), named.ToString);
        Assert.That(File.ReadAllText(Path.Combine(workspace.Root, "captures.verified.json")), Does.Contain("\"stop-again.json\""));
        Assert.That(File.Exists(Path.Combine(workspace.Root, "fixtures.verified.json")), Is.False, "the folder beside the rules was not replayed");
        Assert.That(missing.ExitCode, Is.EqualTo(2));
        Assert.That(missing.Error, Does.Contain("does not exist"));
    }

    [Test]
    public void WithoutCapturesBesideTheRulesOnlyTheCasesAreTested()
    {
        using var workspace = new RulesWorkspace();
        workspace.AddRule("aws/insight", SampleRules.InsightYaml, SampleRules.InsightScript);

        var result = Shell.Run("test", "--rules", workspace.Rules, "--accept");

        Assert.That(result.OutLines[^1], Is.EqualTo("2 passed, 0 failed"));
        Assert.That(Directory.GetFiles(workspace.Root, "*.verified.json"), Is.Empty);
    }

    [Test]
    public void AnUnknownOptionIsAUsageError()
    {
        var result = Shell.Run("test", "--no-such-option");

        Assert.That(result.ExitCode, Is.EqualTo(2));
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(root, path));

    internal static RulesWorkspace AuthorsWorkspace()
    {
        var workspace = new RulesWorkspace();
        workspace.AddFile("fixtures/stop.json", File.ReadAllText(Path.Combine(RepositoryPaths.Fixtures, "stratus-red-team", "aws.defense-evasion.cloudtrail-stop.json")));
        workspace.AddRule("aws/stop-logging", SampleRules.StopLoggingYaml.Replace("../fixtures/", "../../fixtures/", StringComparison.Ordinal), SampleRules.StopLoggingScript);
        workspace.AddRule("aws/insight", SampleRules.InsightYaml, SampleRules.InsightScript);
        return workspace;
    }

    [Test]
    public void UnderASettingsFileTheCasesWhoseVerdictChangesAreListedApart()
    {
        using var workspace = new RulesWorkspace();
        var settings = workspace.AddFile("org.settings.yml", """
            parameters:
              knownAccounts: ["193672423079"]
            rules:
              aws.cloudtrail.logging-stopped:
                suppressions:
                  - reason: christophe's lab trail (SEC-42)
                    principal: arn:aws:iam::143434273843:user/christophe
            """);

        var result = Shell.Run("test", "--rules", RepositoryPaths.Rules, "--settings", settings);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(result.Out, Does.Contain("under the settings "));
        Assert.That(result.Out, Does.Contain("(snapshots stay recorded with the rules' defaults)"));
        Assert.That(result.Out, Does.Contain("  NO MATCH   aws.iam.role-trust-opened-to-external-principal / stratus backdoored role trusts an outside account (").And.Contain("rules/aws/iam/role-trust-opened-to-external-principal.yml:49:5): matches as shipped, not under the settings"));
        Assert.That(result.Out, Does.Contain("  SUPPRESSED aws.cloudtrail.logging-stopped / "));
        Assert.That(result.Out, Does.Contain("expects an alert, hidden by suppression 'christophe's lab trail (SEC-42)' (").And.Contain("org.settings.yml:6:"));
        Assert.That(result.OutLines[^1], Does.EndWith(" passed, 0 failed"));
    }

    [Test]
    public void JsonAndJUnitReportsCarryWhatTheSettingsChange()
    {
        using var workspace = AuthorsWorkspace();
        Shell.Run("test", "--rules", workspace.Rules, "--accept");
        var settings = workspace.AddFile("org.settings.yml", "rules:\n  sample.stop-logging:\n    suppressions:\n      - reason: the lab trail\n        when: e.RequestParameter(\"name\") != null\n");

        var json = Shell.Run("test", "--rules", workspace.Rules, "--format", "json", "--settings", settings);
        var junit = Shell.Run("test", "--rules", workspace.Rules, "--format", "junit", "--settings", settings);

        Assert.That(json.ExitCode, Is.EqualTo(0), json.ToString);
        using var document = JsonDocument.Parse(json.Out);
        var changed = document.RootElement.GetProperty("settings").GetProperty("changedCases")[0];
        Assert.That((changed.GetProperty("ruleId").GetString(), changed.GetProperty("case").GetString(), changed.GetProperty("suppressedBy").GetString()), Is.EqualTo(("sample.stop-logging", "stratus capture", "the lab trail")));
        var suite = XDocument.Parse(junit.Out).Root!.Elements("testsuite").Single(s => s.Attribute("name")!.Value == "settings");
        Assert.That(suite.Attribute("failures")!.Value, Is.EqualTo("0"));
        Assert.That(suite.Element("system-out")!.Value, Is.EqualTo("suppressed: sample.stop-logging / stratus capture by 'the lab trail'"));
    }
}
