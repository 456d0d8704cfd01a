using DetectionKit.Tests.Shared;
using DetectionKit.Cli.Tests.Support;

namespace DetectionKit.Cli.Tests.Commands;

public sealed class ValidateCommandTests
{
    [Test]
    public void AValidRuleSetPasses()
    {
        using var workspace = TestCommandTests.AuthorsWorkspace();
        Shell.Run("test", "--rules", workspace.Rules, "--accept");

        var result = Shell.Run("validate", "--rules", workspace.Rules);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(result.OutLines[^1], Is.EqualTo("2 rule files, 2 valid, 0 errors, 0 warnings"));
    }

    [Test]
    public void ASyntaxErrorOnLineThreeIsReportedAtLineThree()
    {
        using var workspace = new RulesWorkspace();
        var yaml = workspace.AddRule("broken", SampleRules.BrokenYaml, SampleRules.BrokenScript);
        var script = Path.ChangeExtension(yaml, ".csx");

        var result = Shell.Run("validate", "--rules", workspace.Rules);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        var line = result.OutLines.Single(l => l.Contains("DK2001", StringComparison.Ordinal));
        Assert.That(line, Does.StartWith(Path.GetRelativePath(Environment.CurrentDirectory, script) + ":3:32: error DK2001: CS1002: ; expected"));
    }

    [Test]
    public void TheGitHubFormatAnnotatesTheScriptLine()
    {
        using var workspace = new RulesWorkspace();
        var yaml = workspace.AddRule("broken", SampleRules.BrokenYaml, SampleRules.BrokenScript);
        var script = Path.GetRelativePath(Environment.CurrentDirectory, Path.ChangeExtension(yaml, ".csx"));

        var result = Shell.Run("validate", "--rules", workspace.Rules, "--format", "github");

        Assert.That(result.OutLines, Has.Some.StartsWith($"::error file={script},line=3,col=32,title=DK2001::DK2001: CS1002: ; expected"));
    }

    [Test]
    public void AMisspelledEventNameFailsWithTheNameAndTheOneItMeant()
    {
        using var workspace = new RulesWorkspace();
        var yaml = workspace.AddRule("typo", """
            id: typo
            title: Trail stopped
            severity: high
            match:
              eventSource: cloudtrail.amazonaws.com
              eventName: StopLoging
            tests:
              - name: matches
                expect: true
                event: { eventName: StopLoging }
              - name: does not
                expect: false
                event: { eventName: StartLogging }
            """, "bool Rule(CloudTrailEvent e) => true;\n");
        Shell.Run("test", "--rules", workspace.Rules, "--accept");

        var result = Shell.Run("validate", "--rules", workspace.Rules);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.OutLines, Does.Contain(Path.GetRelativePath(Environment.CurrentDirectory, yaml)
            + ":6:14: error DK1011: eventName 'StopLoging' is not an operation of cloudtrail.amazonaws.com (did you mean 'StopLogging'?)"));
    }

    [Test]
    public void ARuleWithOnlyPositiveCasesFails()
    {
        using var workspace = new RulesWorkspace();
        workspace.AddRule("only-positive", """
            id: only-positive
            title: Only positive
            severity: low
            tests:
              - name: matches
                expect: true
                event: { eventName: DeleteTrail }
            """, "bool Rule(CloudTrailEvent e) => true;\n");

        var result = Shell.Run("validate", "--rules", workspace.Rules);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Out, Does.Contain("only-positive.yml:4:1: error DK3002: rule 'only-positive' has no negative case"));
    }

    [Test]
    public void AMisspelledKeyFailsWithASuggestion()
    {
        using var workspace = new RulesWorkspace();
        workspace.AddRule("typo", """
            id: typo
            title: Typo
            serverity: low
            tests:
              - name: a
                expect: true
                event: { eventName: A }
            """, "bool Rule(CloudTrailEvent e) => true;\n");

        var result = Shell.Run("validate", "--rules", workspace.Rules);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Out, Does.Contain("typo.yml:3:1: error DK1003: unknown key 'serverity' (did you mean 'severity'?)"));
        Assert.That(result.Out, Does.Not.Contain("missing required key"), "one typo, one error");
    }

    [Test]
    public void WhatTestWouldFailOnForWantOfAnAcceptIsReportedAtItsLine()
    {
        using var workspace = TestCommandTests.AuthorsWorkspace();
        Shell.Run("test", "--rules", workspace.Rules, "--accept");
        File.Delete(Path.Combine(workspace.Rules, "aws", "stop-logging.yml"));
        File.Delete(Path.Combine(workspace.Rules, "aws", "stop-logging.csx"));
        var verified = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(workspace.Root, "fixtures.verified.json"));
        var snapshot = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(workspace.Rules, "aws", "stop-logging.verified.json"));

        var text = Shell.Run("validate", "--rules", workspace.Rules);
        var github = Shell.Run("validate", "--rules", workspace.Rules, "--format", "github");

        Assert.That(text.ExitCode, Is.EqualTo(1));
        Assert.That(text.OutLines, Does.Contain(verified + ":7:21: error DK3007: capture 'stop.json' has a verified alert of rule 'sample.stop-logging', which no longer exists; run 'detectionkit test --accept' to drop it"));
        Assert.That(text.OutLines, Does.Contain(snapshot + ":1:1: error DK3004: snapshot belongs to no rule (stop-logging.yml does not exist); delete it, or run 'detectionkit test --accept' to remove it"));
        Assert.That(github.OutLines, Has.Some.StartsWith($"::error file={verified},line=7,col=21,title=DK3007::"));
        Assert.That(File.Exists(Path.Combine(workspace.Root, "fixtures.received.json")), Is.False, "validate runs nothing");
    }

    [Test]
    public void AMissingCaptureFolderIsAUsageError()
    {
        using var workspace = TestCommandTests.AuthorsWorkspace();

        var result = Shell.Run("validate", "--rules", workspace.Rules, "--captures", Path.Combine(workspace.Root, "nowhere"));

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("does not exist"));
    }

    [Test]
    public void ARuleWithoutASnapshotFailsNamingTheAcceptCommand()
    {
        using var workspace = TestCommandTests.AuthorsWorkspace();

        var result = Shell.Run("validate", "--rules", workspace.Rules);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Out, Does.Contain("DK3003: no verified snapshot stop-logging.verified.json; run 'detectionkit test --filter sample.stop-logging --accept'"));
        Assert.That(result.Out, Does.Contain("DK3006: no verified alerts for the 1 capture here: fixtures.verified.json does not exist; run 'detectionkit test --accept'"));
    }

    [Test]
    public void ASettingsFileIsCheckedAgainstTheRulesAtItsLines()
    {
        using var workspace = new RulesWorkspace();
        var settings = workspace.AddFile("org.settings.yml", """
            rules:
              aws.iam.role-created-with-external-trust:
                parameters:
                  knownAccount: ["111122223333"]
                suppressions:
                  - reason: terraform
                    when: e.UserAgent.Contains("Terraform") && Environment.UserName == "ci"
            """);

        var result = Shell.Run("validate", "--rules", RepositoryPaths.Rules, "--settings", settings);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Out, Does.Contain("org.settings.yml:4:7: error DK1019: rule aws.iam.role-created-with-external-trust declares no parameter 'knownAccount' (did you mean 'knownAccounts'?)"));
        Assert.That(result.Out, Does.Contain("org.settings.yml:7:52: error DK2006: 'System.Environment' is not available to rule scripts"));
    }
}
