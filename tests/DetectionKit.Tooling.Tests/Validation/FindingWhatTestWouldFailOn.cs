using DetectionKit.Engine.Diagnostics;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Captures;
using DetectionKit.Tooling.Testing;
using DetectionKit.Tooling.Validation;

namespace DetectionKit.Tooling.Tests.Validation;

/// <summary>Stale snapshot entries and files, and capture alerts that belong to nothing, found from the files alone.</summary>
public sealed class FindingWhatTestWouldFailOn
{
    [Test]
    public void RulesWithTheirSnapshotsAndCapturesWithTheirAlertsPass()
    {
        using var workspace = Accepted();

        var report = Validate(workspace);

        Assert.That(report.Diagnostics, Is.Empty);
    }

    [Test]
    public void AVerifiedEntryForACaseThatNoLongerExistsIsReportedAtItsLineWithoutRunningAnything()
    {
        using var workspace = Accepted();
        workspace.Write("rules/stopped.yml", RuleYaml.Rule("stopped", tests: RuleYaml.Case("stop logging", true, Some.Record()) + RuleYaml.Case("denied", false, Some.Record(errorCode: "AccessDenied"))));

        var stale = Validate(workspace).Diagnostics.Single();

        Assert.That(stale.Code, Is.EqualTo(DiagnosticCodes.SnapshotDangling));
        Assert.That(stale.Location, Is.EqualTo(new SourceLocation(workspace.PathOf("rules/stopped.verified.json"), 11, 5)));
        Assert.That(stale.Message, Does.Contain("'denied stop logging', which no longer exists").And.Contain("detectionkit test --filter stopped --accept"));
        Assert.That(workspace.Exists("rules/stopped.received.json"), Is.False, "nothing was run");
    }

    [Test]
    public void ASnapshotWhoseRuleIsGoneIsReported()
    {
        using var workspace = Accepted();
        workspace.Write("rules/old/removed.verified.json", "{\"ruleId\": \"removed\", \"cases\": {}}\n");

        var orphan = Validate(workspace).Diagnostics.Single();

        Assert.That((orphan.Code, orphan.Location), Is.EqualTo((DiagnosticCodes.SnapshotDangling, new SourceLocation(workspace.PathOf("rules/old/removed.verified.json"), 1, 1))));
    }

    [Test]
    public void AVerifiedAlertOfARuleThatIsGoneOrDisabledIsReportedAtItsRuleId()
    {
        using var workspace = Accepted();
        workspace.Delete("rules/stopped.yml");
        workspace.Delete("rules/stopped.csx");
        workspace.Delete("rules/stopped.verified.json");
        workspace.Write("rules/denied.yml", RuleYaml.Rule("denied", severity: "low", extra: "enabled: false\n", tests: DeniedCases));

        var problems = Validate(workspace).Diagnostics;

        Assert.That(problems.Select(p => (p.Code, p.Location.Line, p.Location.Column)), Is.EqualTo(new[]
        {
            (DiagnosticCodes.CaptureAlertsDangling, 7, 21),
            (DiagnosticCodes.CaptureAlertsDangling, 20, 21),
        }));
        Assert.That(problems[0].Message, Is.EqualTo("capture 'denied.json' has a verified alert of rule 'denied', which is disabled (disabled rules do not run); run 'detectionkit test --accept' to drop it"));
        Assert.That(problems[1].Message, Does.StartWith("capture 'stop.json' has a verified alert of rule 'stopped', which no longer exists;"));
        Assert.That(problems.Select(p => p.Location.Path), Is.All.EqualTo(workspace.PathOf("fixtures.verified.json")));
    }

    [Test]
    public void AnAlertOfARuleWhoseFileDoesNotLoadIsLeftToThatFilesErrors()
    {
        using var workspace = Accepted();
        workspace.Write("rules/stopped.yml", "id: stopped\nserverity: high\n");

        var problems = Validate(workspace).Diagnostics;

        Assert.That(problems.Select(p => p.Code), Has.None.EqualTo(DiagnosticCodes.CaptureAlertsDangling));
    }

    [Test]
    public void ACaptureWithoutVerifiedAlertsAndAnEntryWithoutACaptureAreReported()
    {
        using var workspace = Accepted();
        workspace.Write("fixtures/new.json", Some.Delivery(Some.Record(eventId: "n1")));
        workspace.Delete("fixtures/denied.json");

        var problems = Validate(workspace).Diagnostics;

        Assert.That(problems.Select(p => (p.Code, p.Message)), Is.EquivalentTo(new[]
        {
            (DiagnosticCodes.CaptureAlertsMissing, "capture 'new.json' has no verified alerts; run 'detectionkit test --accept', review the new entry and commit it"),
            (DiagnosticCodes.CaptureAlertsDangling, "verified alerts for capture 'denied.json', which no longer exists; run 'detectionkit test --accept' to drop them"),
        }));
        Assert.That(problems.Single(p => p.Code == DiagnosticCodes.CaptureAlertsDangling).Location.Line, Is.EqualTo(3));
    }

    [Test]
    public void CapturesWithoutAnyVerifiedAlertsAreReportedOnce()
    {
        using var workspace = Accepted();
        workspace.Delete("fixtures.verified.json");

        var missing = Validate(workspace).Diagnostics.Single();

        Assert.That((missing.Code, missing.Location.Path), Is.EqualTo((DiagnosticCodes.CaptureAlertsMissing, workspace.PathOf("fixtures"))));
        Assert.That(missing.Message, Does.StartWith("no verified alerts for the 2 captures here: fixtures.verified.json does not exist"));
    }

    [Test]
    public void CaptureAlertsThatAreNotJsonAreReported()
    {
        using var workspace = Accepted();
        workspace.Write("fixtures.verified.json", "{ \"captures\": [");

        Assert.That(Validate(workspace).Diagnostics.Single().Code, Is.EqualTo(DiagnosticCodes.SnapshotUnreadable));
    }

    [Test]
    public void WithoutCapturesTheirAlertsAreNotChecked()
    {
        using var workspace = Accepted();
        workspace.Delete("fixtures.verified.json");

        Assert.That(RuleValidation.Validate(workspace.PathOf("rules")).Diagnostics, Is.Empty);
    }

    private static string DeniedCases =>
        RuleYaml.Case("denied", true, Some.Record(errorCode: "AccessDenied")) + RuleYaml.Case("allowed", false, Some.Record());

    private static ValidationReport Validate(TempRulesDirectory workspace) =>
        RuleValidation.Validate(workspace.PathOf("rules"), captures: new CaptureDirectory(workspace.PathOf("fixtures")));

    /// <summary>
    /// rules/stopped (high) alerts on a successful StopLogging, rules/denied (low) on a denied one;
    /// fixtures/stop.json and fixtures/denied.json raise one alert each; everything accepted.
    /// </summary>
    private static TempRulesDirectory Accepted()
    {
        var workspace = new TempRulesDirectory();
        workspace.Write("rules/stopped.yml", RuleYaml.Rule("stopped"));
        workspace.Write("rules/stopped.csx", Scripts.MatchesSuccess);
        workspace.Write("rules/denied.yml", RuleYaml.Rule("denied", severity: "low", tests: DeniedCases));
        workspace.Write("rules/denied.csx", "bool Rule(CloudTrailEvent e) => !e.IsSuccess;\n");
        workspace.Write("fixtures/stop.json", Some.Delivery(Some.Record(eventId: "s1")));
        workspace.Write("fixtures/denied.json", Some.JsonLines(Some.Record(errorCode: "AccessDenied", eventId: "d1")));
        Assert.That(new RuleTestRunner(workspace.PathOf("rules"), new CaptureDirectory(workspace.PathOf("fixtures"))).Run(accept: true).Succeeded, Is.True);
        return workspace;
    }
}
