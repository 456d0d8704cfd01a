using System.Text.Json.Nodes;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Testing;

namespace DetectionKit.Tooling.Tests.Testing;

public sealed class TestingCorrelationRules
{
    private const string Script = """bool Denied(CloudTrailEvent e) => e.ErrorCode == "AccessDenied";""";

    private static string Rule(string cases) => $"""
        id: test.denied-twice
        title: Denied twice
        severity: medium
        correlation:
          type: event_count
          timespan: 10m
          group_by: userIdentity.arn
          condition: {"{"} gte: 2 {"}"}
          steps:
            - name: denied
              function: Denied
        tests:
        {cases}
        """;

    private static string Sequence(string name, bool expect, params JsonObject[] events) =>
        $"  - name: {name}\n    expect: {(expect ? "true" : "false")}\n    events:\n" + string.Concat(events.Select(e => $"      - {e.ToJsonString()}\n"));

    private static JsonObject Denied(string id, string time)
    {
        var record = Some.Record(errorCode: "AccessDenied", eventId: id);
        record["eventTime"] = time;
        return record;
    }

    [Test]
    public void ASequenceCaseRecordsTheAlertsItRaises()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("aws/denied-twice", Script, Rule(
            Sequence("two denied calls", true, Denied("e1", "2024-05-01T10:00:00Z"), Denied("e2", "2024-05-01T10:03:00Z"))
            + Sequence("one denied call", false, Denied("e1", "2024-05-01T10:00:00Z"), Some.Record(eventId: "e2"))));

        new RuleTestRunner(rules.Root).Run(accept: true);
        var run = new RuleTestRunner(rules.Root).Run();

        Assert.That(run.Rules.Single().Cases.Select(c => (c.Name, c.Passed)), Is.EqualTo(new[] { ("two denied calls", true), ("one denied call", true) }));
        var snapshot = JsonNode.Parse(rules.Read("aws/denied-twice.verified.json"))!["cases"]!;
        var alert = snapshot["two denied calls"]!["alerts"]!.AsArray().Single()!;
        Assert.That((int)alert["eventCount"]!, Is.EqualTo(2));
        Assert.That((string)alert["title"]!, Does.StartWith("Denied twice: arn:aws:iam::"));
        Assert.That(snapshot["one denied call"]!["alerts"]!.AsArray(), Is.Empty);
    }

    [Test]
    public void ASequenceWhoseAlertsDependOnHowItsEventsArriveFails()
    {
        // The later input's last event is two days on: read first, it moves the group past the late-file
        // allowance, and the earlier input's events can no longer complete the sequence.
        using var rules = new TempRulesDirectory();
        rules.AddRule("aws/denied-twice", Script, Rule(
            Sequence("too late", true, Denied("e1", "2024-05-01T10:00:00Z"), Denied("e2", "2024-05-01T10:01:00Z"), Denied("e3", "2024-05-03T10:00:00Z"))
            + Sequence("one denied call", false, Denied("e1", "2024-05-01T10:00:00Z"))));

        var run = new RuleTestRunner(rules.Root).Run(accept: true);

        var failure = run.Rules.Single().Cases.Single(c => c.Name == "too late").Failures.Single();
        Assert.That(failure, Does.StartWith("split in two, the later input read first, the events raise no alert; as one input, 1 alert"));
    }

    [Test]
    public void AStepRuleTheFilterLeavesOutStillFeedsTheCorrelation()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("aws/denied", """bool Rule(CloudTrailEvent e) => e.ErrorCode == "AccessDenied";""", RuleYaml.Rule("aws.denied", match: null, tests: RuleYaml.Case("denied", true, Some.Record(errorCode: "AccessDenied")) + RuleYaml.Case("allowed", false, Some.Record())));
        rules.Write("aws/burst.yml", $"""
            id: test.burst
            title: Denied burst
            severity: medium
            correlation:
              type: event_count
              timespan: 10m
              group_by: userIdentity.arn
              condition: {"{"} gte: 2 {"}"}
              steps:
                - {"{"} name: denied, rule: aws.denied {"}"}
            tests:
            {Sequence("two", true, Denied("e1", "2024-05-01T10:00:00Z"), Denied("e2", "2024-05-01T10:03:00Z"))}{Sequence("one", false, Denied("e1", "2024-05-01T10:00:00Z"))}
            """);

        var run = new RuleTestRunner(rules.Root).Run(r => r.Id == "test.burst", accept: true);

        Assert.That(run.Rules.Single().Cases.Select(c => (c.Name, c.Passed)), Is.EqualTo(new[] { ("two", true), ("one", true) }));
    }
}
