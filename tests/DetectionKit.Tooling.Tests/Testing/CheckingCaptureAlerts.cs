using DetectionKit.Engine.Diagnostics;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Captures;
using DetectionKit.Tooling.Testing;

namespace DetectionKit.Tooling.Tests.Testing;

public sealed class CheckingCaptureAlerts
{
    private const string DeniedScript = "bool Rule(CloudTrailEvent e) => !e.IsSuccess;\n";

    [Test]
    public void TheFirstRunFailsEveryCaptureForWantOfVerifiedAlertsAndWritesTheReceivedOnes()
    {
        using var workspace = Workspace();

        var run = Runner(workspace).Run();

        var captures = run.Captures!;
        Assert.That(captures.Results.Select(r => (r.Name, r.Failures.Single())), Is.EqualTo(new[]
        {
            ("denied.json", "no verified alerts yet (it raises denied)"),
            ("stop.json", "no verified alerts yet (it raises stopped)"),
        }));
        Assert.That(captures.Snapshot, Is.EqualTo(SnapshotOutcome.ReceivedWritten));
        Assert.That(workspace.Exists("fixtures.received.json"), Is.True);
        Assert.That(workspace.Exists("fixtures.verified.json"), Is.False);
        Assert.That(run.Failed, Is.EqualTo(6), "four cases without a snapshot, two captures without verified alerts");
    }

    [Test]
    public void AcceptRecordsWhatEachCaptureRaisesAndTheNextRunPasses()
    {
        using var workspace = Workspace();

        var accepted = Runner(workspace).Run(accept: true);
        var run = Runner(workspace).Run();

        Assert.That(accepted.Captures!.Snapshot, Is.EqualTo(SnapshotOutcome.Accepted));
        Assert.That(run.Succeeded, Is.True, () => string.Join("\n", run.Captures!.Results.SelectMany(r => r.Failures)));
        Assert.That((run.Captures!.Passed, run.Captures.Snapshot), Is.EqualTo((2, SnapshotOutcome.Matched)));
        Assert.That(run.Passed, Is.EqualTo(6), "four cases and two captures");
        Assert.That(workspace.Read("fixtures.verified.json"), Is.EqualTo("""
            {
              "captures": {
                "denied.json": {
                  "events": 1,
                  "alerts": [
                    {
                      "ruleId": "denied",
                      "severity": "low",
                      "title": "Trail stopped",
                      "dedupKey": "Trail stopped",
                      "eventCount": 1,
                      "windowStart": "2024-07-31T13:00:00Z"
                    }
                  ]
                },
                "stop.json": {
                  "events": 2,
                  "alerts": [
                    {
                      "ruleId": "stopped",
                      "severity": "high",
                      "title": "Trail stopped",
                      "dedupKey": "Trail stopped",
                      "eventCount": 2,
                      "windowStart": "2024-07-31T13:00:00Z"
                    }
                  ]
                }
              }
            }

            """));
    }

    [Test]
    public void ARuleThatStartsFiringOnACaptureFailsItNamingTheRule()
    {
        using var workspace = Accepted();
        workspace.Write("rules/denied.csx", Scripts.MatchesEverything);

        var run = Runner(workspace).Run();

        var stop = run.Captures!.Results.Single(r => r.Name == "stop.json");
        Assert.That(stop.Failures.Single(), Is.EqualTo("alerts differ from the verified ones:\n  + denied (low, 2 events, dedup key \"Trail stopped\"): new"));
        Assert.That(stop.ChangedRuleIds, Is.EqualTo(new[] { "denied" }));
        Assert.That(run.Captures.Results.Single(r => r.Name == "denied.json").Passed, Is.True);
        Assert.That(workspace.Read("fixtures.received.json"), Does.Contain("\"ruleId\": \"denied\"").And.Not.EqualTo(workspace.Read("fixtures.verified.json")));
    }

    [Test]
    public void ARuleThatIsGoneOrDisabledNoLongerRaisesAndTheFailureSaysWhy()
    {
        using var workspace = Accepted();
        workspace.Delete("rules/stopped.yml");
        workspace.Write("rules/denied.yml", RuleYaml.Rule("denied", severity: "low", extra: "enabled: false\n", tests: DeniedCases));

        var captures = Runner(workspace).Run().Captures!;

        Assert.That(captures.Results.Single(r => r.Name == "stop.json").Failures.Single(), Does.EndWith(": no longer raised (no rule has this id any more)"));
        Assert.That(captures.Results.Single(r => r.Name == "denied.json").Failures.Single(), Does.EndWith(": no longer raised (the rule is disabled)"));
    }

    [Test]
    public void AChangedAlertIsShownFieldByField()
    {
        using var workspace = Accepted();
        workspace.Write("rules/stopped.yml", RuleYaml.Rule("stopped", severity: "critical"));

        var failure = Runner(workspace).Run().Captures!.Results.Single(r => r.Name == "stop.json").Failures.Single();

        Assert.That(failure, Is.EqualTo("""
            alerts differ from the verified ones:
              ~ stopped (dedup key "Trail stopped", window 2024-07-31T13:00:00Z):
                ~ severity: verified "high", received "critical"
            """));
    }

    [Test]
    public void AFilteredRunComparesAndAcceptsOnlyItsOwnRulesAlerts()
    {
        using var workspace = Accepted();
        workspace.Write("rules/stopped.yml", RuleYaml.Rule("stopped", severity: "critical"));
        workspace.Write("rules/denied.yml", RuleYaml.Rule("denied", severity: "medium", tests: DeniedCases));

        var filtered = Runner(workspace).Run(include: r => r.Id == "denied");
        Runner(workspace).Run(include: r => r.Id == "denied", accept: true);
        var after = Runner(workspace).Run();

        Assert.That(filtered.Captures!.Results.Where(r => !r.Passed).Select(r => r.Name), Is.EqualTo(new[] { "denied.json" }));
        Assert.That(after.Captures!.Results.Where(r => !r.Passed).Select(r => r.Name), Is.EqualTo(new[] { "stop.json" }), "the other rule's verified alerts were kept");
        Assert.That(workspace.Read("fixtures.verified.json"), Does.Contain("\"medium\"").And.Contain("\"high\"").And.Not.Contain("\"critical\""));
    }

    [Test]
    public void ANewCaptureFailsUntilAccepted()
    {
        using var workspace = Accepted();
        workspace.Write("fixtures/more/quiet.jsonl", Some.JsonLines(Some.Record("DescribeTrails")));

        var run = Runner(workspace).Run();
        Runner(workspace).Run(accept: true);

        Assert.That(run.Captures!.Results.Single(r => !r.Passed).Failures.Single(), Is.EqualTo("new capture: not in the verified alerts (it raises no alert)"));
        Assert.That(Runner(workspace).Run().Succeeded, Is.True);
    }

    [Test]
    public void AnEntryForACaptureThatNoLongerExistsFailsAtItsLineUntilAccepted()
    {
        using var workspace = Accepted();
        workspace.Delete("fixtures/denied.json");

        var run = Runner(workspace).Run();
        Runner(workspace).Run(accept: true);

        var dangling = run.Captures!.Problems.Single();
        Assert.That(dangling.Code, Is.EqualTo(DiagnosticCodes.CaptureAlertsDangling));
        Assert.That(dangling.Location, Is.EqualTo(new SourceLocation(workspace.PathOf("fixtures.verified.json"), 3, 5)));
        Assert.That(dangling.Message, Does.Contain("'denied.json', which no longer exists").And.Contain("detectionkit test --accept"));
        Assert.That(run.Failed, Is.EqualTo(1));
        Assert.That(workspace.Read("fixtures.verified.json"), Does.Not.Contain("denied.json"));
        Assert.That(Runner(workspace).Run().Succeeded, Is.True);
    }

    [Test]
    public void VerifiedAlertsThatAreNotJsonAreReportedAtTheProblem()
    {
        using var workspace = Accepted();
        workspace.Write("fixtures.verified.json", "{\n  \"captures\": {\n    oops\n}\n");

        var problem = Runner(workspace).Run().Captures!.Problems.Single();

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.SnapshotUnreadable));
        Assert.That(problem.Location.Line, Is.EqualTo(3));
    }

    [Test]
    public void TheVerifiedAlertsOfARuleThatDoesNotCompileAreKept()
    {
        using var workspace = Accepted();
        workspace.Write("rules/stopped.csx", "bool Rule(CloudTrailEvent e) => nope;\n");

        var run = Runner(workspace).Run(accept: true);

        Assert.That(run.Captures!.Results.All(r => r.Passed), Is.True, "its compile errors fail the run; its alerts are not 'no longer raised'");
        Assert.That(workspace.Read("fixtures.verified.json"), Does.Contain("\"ruleId\": \"stopped\""));
    }

    [Test]
    public void AnEmptyCaptureFolderNeedsNoVerifiedAlerts()
    {
        using var workspace = new TempRulesDirectory();
        workspace.Write("rules/stopped.yml", RuleYaml.Rule("stopped"));
        workspace.Write("rules/stopped.csx", Scripts.MatchesSuccess);
        Directory.CreateDirectory(workspace.PathOf("fixtures"));

        var run = Runner(workspace).Run(accept: true);

        Assert.That(run.Captures!.Results, Is.Empty);
        Assert.That(workspace.Exists("fixtures.verified.json"), Is.False);
    }

    private static string DeniedCases =>
        RuleYaml.Case("denied", true, Some.Record(errorCode: "AccessDenied")) + RuleYaml.Case("allowed", false, Some.Record());

    private static RuleTestRunner Runner(TempRulesDirectory workspace) =>
        new(workspace.PathOf("rules"), new CaptureDirectory(workspace.PathOf("fixtures")));

    private static TempRulesDirectory Accepted()
    {
        var workspace = Workspace();
        Assert.That(Runner(workspace).Run(accept: true).Succeeded, Is.True);
        return workspace;
    }

    /// <summary>
    /// rules/stopped (high) alerts on a successful StopLogging, rules/denied (low) on a denied one;
    /// fixtures/stop.json holds two successful calls, fixtures/denied.json one denied call.
    /// </summary>
    private static TempRulesDirectory Workspace()
    {
        var workspace = new TempRulesDirectory();
        workspace.Write("rules/stopped.yml", RuleYaml.Rule("stopped"));
        workspace.Write("rules/stopped.csx", Scripts.MatchesSuccess);
        workspace.Write("rules/denied.yml", RuleYaml.Rule("denied", severity: "low", tests: DeniedCases));
        workspace.Write("rules/denied.csx", DeniedScript);
        workspace.Write("fixtures/stop.json", Some.Delivery(Some.Record(eventId: "s1"), Some.Record(eventId: "s2")));
        workspace.Write("fixtures/denied.json", Some.JsonLines(Some.Record(errorCode: "AccessDenied", eventId: "d1")));
        return workspace;
    }
}
