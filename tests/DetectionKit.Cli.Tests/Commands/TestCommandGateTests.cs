using System.Text.Json.Nodes;
using System.Xml.Linq;
using DetectionKit.Cli.Tests.Support;

namespace DetectionKit.Cli.Tests.Commands;

/// <summary>What the pull-request gate asks of <c>test</c>: the benign-traffic replay, and a report file beside the console's text.</summary>
public sealed class TestCommandGateTests
{
    [Test]
    public void WithBenignTheRulesUnderTestAreReplayedOverBenignTrafficAndTheReportGoesToTheFile()
    {
        using var workspace = TestCommandTests.AuthorsWorkspace();
        Shell.Run("test", "--rules", workspace.Rules, "--accept");
        var report = Path.Combine(workspace.Root, "results", "test-results.xml");

        var result = Shell.Run("test", "--rules", workspace.Rules, "--benign", "--format", "junit", "--out", report);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(result.Out, Does.Contain("benign traffic: 100,000 records (seed 42) through 2 rules in ").And.Contain("none high or critical, no rule threw"));
        Assert.That(result.OutLines[^1], Is.EqualTo("6 passed, 0 failed"), "four cases, the capture and the benign traffic");
        var junit = XDocument.Load(report);
        Assert.That(junit.Root!.Attribute("tests")!.Value, Is.EqualTo("6"));
        Assert.That(junit.Descendants("testsuite").Select(s => s.Attribute("name")!.Value), Does.Contain("benign traffic"));
    }

    [Test]
    public void AHighAlertOnBenignTrafficFailsTheRunWithItsRuleAndASample()
    {
        using var workspace = new Support.RulesWorkspace();
        workspace.AddRule("aws/reads", """
            id: sample.reads
            title: Something was read
            severity: critical
            match:
              eventSource: [s3.amazonaws.com]
            tests:
              - name: a read
                expect: true
                event: {"eventVersion": "1.09", "eventSource": "s3.amazonaws.com", "eventName": "GetObject", "eventTime": "2024-08-05T10:00:00Z", "awsRegion": "us-east-1", "recipientAccountId": "111122223333"}
              - name: not s3
                expect: false
                event: {"eventVersion": "1.09", "eventSource": "iam.amazonaws.com", "eventName": "GetUser", "eventTime": "2024-08-05T10:00:00Z", "awsRegion": "us-east-1", "recipientAccountId": "111122223333"}
            """, "bool Rule(CloudTrailEvent e) => e.EventName.StartsWith(\"Get\");\n");
        Shell.Run("test", "--rules", workspace.Rules, "--accept");

        var result = Shell.Run("test", "--rules", workspace.Rules, "--benign", "--format", "json");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        var benign = JsonNode.Parse(result.Out)!["benign"]!;
        Assert.That(benign["passed"]!.GetValue<bool>(), Is.False);
        Assert.That(benign["alerts"]!["critical"]!.GetValue<int>(), Is.GreaterThan(0));
        var problem = benign["problems"]!.AsArray().Single()!;
        Assert.That(problem["code"]!.GetValue<string>(), Is.EqualTo("DK1041"));
        Assert.That(problem["message"]!.GetValue<string>(), Does.StartWith("rule 'sample.reads' raised ").And.Contain("critical alert").And.Contain("\"eventSource\":\"s3.amazonaws.com\""));
    }
}
