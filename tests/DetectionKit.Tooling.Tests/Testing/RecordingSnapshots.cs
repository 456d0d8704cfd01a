using System.Text.Json.Nodes;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Testing;

namespace DetectionKit.Tooling.Tests.Testing;

public sealed class RecordingSnapshots
{
    private const string Script = """
        bool Rule(CloudTrailEvent e) => e.IsSuccess;
        string Title(CloudTrailEvent e) => $"Trail {e.RequestParameter("name")} stopped";
        object AlertContext(CloudTrailEvent e) => new { actor = e.ActorName };
        """;

    [Test]
    public void TheFirstRunWritesReceivedAndFailsForWantOfAVerifiedSnapshot()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("pack/rule", Script);

        var run = new RuleTestRunner(rules.Root).Run();

        Assert.That(run.Succeeded, Is.False);
        var result = run.Rules.Single();
        Assert.That(result.Snapshot, Is.EqualTo(SnapshotOutcome.ReceivedWritten));
        Assert.That(result.Cases.Select(c => c.Failures.Single()), Is.All.EqualTo("no verified snapshot yet"));
        Assert.That(rules.Exists("pack/rule.received.json"), Is.True);
        Assert.That(rules.Exists("pack/rule.verified.json"), Is.False);
    }

    [Test]
    public void TheReceivedSnapshotRecordsEachCasesOutputs()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Script);

        new RuleTestRunner(rules.Root).Run();

        Assert.That(rules.Read("rule.received.json"), Is.EqualTo("""
            {
              "ruleId": "rule",
              "cases": {
                "stop logging": {
                  "match": true,
                  "title": "Trail prod-trail stopped",
                  "dedupKey": "Trail prod-trail stopped",
                  "severity": "high",
                  "context": {
                    "actor": "alice"
                  }
                },
                "denied stop logging": {
                  "match": false
                }
              }
            }

            """));
    }

    [Test]
    public void AcceptWritesVerifiedAndDeletesReceived()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Script);
        new RuleTestRunner(rules.Root).Run();

        var run = new RuleTestRunner(rules.Root).Run(accept: true);

        Assert.That(run.Accepted, Is.True);
        Assert.That(run.Succeeded, Is.True);
        Assert.That(run.Rules.Single().Snapshot, Is.EqualTo(SnapshotOutcome.Accepted));
        Assert.That(rules.Exists("rule.verified.json"), Is.True);
        Assert.That(rules.Exists("rule.received.json"), Is.False);
    }

    [Test]
    public void ARunAfterAcceptPasses()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Script);
        new RuleTestRunner(rules.Root).Run(accept: true);

        var run = new RuleTestRunner(rules.Root).Run();

        Assert.That(run.Succeeded, Is.True, () => string.Join("\n", run.Rules.SelectMany(r => r.Cases).SelectMany(c => c.Failures)));
        Assert.That((run.Passed, run.Failed), Is.EqualTo((2, 0)));
        Assert.That(run.Rules.Single().Snapshot, Is.EqualTo(SnapshotOutcome.Matched));
        Assert.That(rules.Exists("rule.received.json"), Is.False);
    }

    [Test]
    public void AChangedOutputFailsNamingTheFieldAndWritesReceived()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Script);
        new RuleTestRunner(rules.Root).Run(accept: true);
        rules.Write("rule.csx", Script.Replace("stopped\"", "halted\"", StringComparison.Ordinal));

        var run = new RuleTestRunner(rules.Root).Run();

        var positive = run.Rules.Single().Cases.Single(c => c.Name == "stop logging");
        var failure = positive.Failures.Single();
        Assert.That(failure, Does.StartWith("outputs differ from the verified snapshot:"));
        Assert.That(failure, Does.Contain("~ title: verified \"Trail prod-trail stopped\", received \"Trail prod-trail halted\""));
        Assert.That(failure, Does.Not.Contain("severity"));
        Assert.That(run.Rules.Single().Cases.Single(c => c.Name == "denied stop logging").Passed, Is.True);
        Assert.That(rules.Read("rule.received.json"), Does.Contain("halted"));
        Assert.That(rules.Read("rule.verified.json"), Does.Not.Contain("halted"));
    }

    [Test]
    public void ANewCaseFailsUntilAccepted()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Script);
        new RuleTestRunner(rules.Root).Run(accept: true);
        rules.Write("rule.yml", RuleYaml.Rule("rule", tests: RuleYaml.DefaultCases + RuleYaml.Case("root stop", true, Some.Record(userIdentity: Some.Root()))));

        var run = new RuleTestRunner(rules.Root).Run();

        Assert.That(run.Rules.Single().Cases.Single(c => !c.Passed).Failures.Single(), Is.EqualTo("new case: not in the verified snapshot"));
    }

    [Test]
    public void AVerifiedSnapshotThatIsNotJsonIsReported()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Script);
        rules.Write("rule.verified.json", "{ not json");

        var failure = new RuleTestRunner(rules.Root).Run().Rules.Single().RuleFailures.Single();

        Assert.That(failure.Code, Is.EqualTo(DiagnosticCodes.SnapshotUnreadable));
    }

    [Test]
    public void AFileCaseOfSeveralEventsRecordsEachMatch()
    {
        using var rules = new TempRulesDirectory();
        rules.Write("cases/mixed.json", Some.Delivery(Some.Record(eventId: "ok"), Some.Record(errorCode: "AccessDenied", eventId: "denied")));
        rules.AddRule("rule", Script, RuleYaml.Rule("rule", tests: RuleYaml.FileCase("mixed", true, "cases/mixed.json") + RuleYaml.Case("denied", false, Some.Record(errorCode: "AccessDenied"))));

        var run = new RuleTestRunner(rules.Root).Run(accept: true);

        var received = run.Rules.Single().Cases.Single(c => c.Name == "mixed").Received;
        Assert.That(received["match"]!.GetValue<bool>(), Is.True);
        Assert.That(received["events"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(received["matches"]!.AsArray().Select(m => m!["eventId"]!.GetValue<string>()), Is.EqualTo(new[] { "ok" }));
        Assert.That(JsonNode.Parse(rules.Read("rule.verified.json"))!["cases"]!["mixed"]!["events"]!.GetValue<int>(), Is.EqualTo(2));
    }
}
