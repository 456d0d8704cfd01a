using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DetectionKit.Cli.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Cli.Tests.Commands;

public sealed class RunCommandTests
{
    private static string StratusCapture(string technique) =>
        Path.Combine(RepositoryPaths.Fixtures, "stratus-red-team", $"aws.{technique}.json");

    [Test]
    public void TheStratusCloudTrailStopCaptureRaisesAnAlert()
    {
        var result = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", StratusCapture("defense-evasion.cloudtrail-stop"));

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        var alert = JsonNode.Parse(result.OutLines.Single())!;
        Assert.That(alert["ruleId"]!.GetValue<string>(), Is.EqualTo("aws.cloudtrail.logging-stopped"));
        Assert.That(alert["eventId"]!.GetValue<string>(), Is.EqualTo("10163ed2-2253-469d-a5ee-cbc6651f8934"));
        Assert.That(alert["eventTime"]!.GetValue<string>(), Is.EqualTo("2024-07-31T13:06:24Z"));
        Assert.That(alert.AsObject().Select(p => p.Key), Is.SupersetOf(new[] { "ruleId", "title", "severity", "dedupKey", "eventId", "eventTime", "context" }));
        Assert.That(result.Error, Does.Contain("events read: 1,").And.Contain("alerts: 1,"));
    }

    [Test]
    public void JsonLinesAndAGzippedRecordsFileGiveTheSameAlerts()
    {
        using var workspace = new RulesWorkspace();
        var records = Directory.GetFiles(Path.Combine(RepositoryPaths.Fixtures, "stratus-red-team"), "*.json")
            .Order(StringComparer.Ordinal)
            .SelectMany(file => JsonNode.Parse(File.ReadAllText(file))!.AsArray().Select(r => r!.DeepClone()))
            .ToList();
        var jsonLines = workspace.AddFile("events.jsonl", string.Concat(records.Select(r => r.ToJsonString() + "\n")));
        var gzipped = Path.Combine(workspace.Root, "123456789012_CloudTrail_us-east-1_20240801T0000Z_abc.json.gz");
        using (var gzip = new GZipStream(File.Create(gzipped), CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(new JsonObject { ["Records"] = new JsonArray([.. records]) }.ToJsonString()));
        }

        var fromLines = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", jsonLines);
        var fromRecords = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", gzipped);

        Assert.That(fromLines.ExitCode, Is.EqualTo(0), fromLines.ToString);
        Assert.That(fromLines.OutLines, Is.Not.Empty);
        Assert.That(fromRecords.Out, Is.EqualTo(fromLines.Out));
        Assert.That(fromRecords.Error, Does.Contain($"events read: {records.Count},"));
    }

    [Test]
    public void ARuleThatDoesNotCompileIsReportedAndTheOthersStillAlert()
    {
        using var workspace = TestCommandTests.AuthorsWorkspace();
        var broken = workspace.AddRule("broken", SampleRules.BrokenYaml, SampleRules.BrokenScript);

        var result = Shell.Run("run", "--rules", workspace.Rules, "--source", StratusCapture("defense-evasion.cloudtrail-stop"));

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.OutLines, Has.Exactly(1).Contains("\"ruleId\":\"sample.stop-logging\""));
        Assert.That(result.Error, Does.Contain(Path.GetRelativePath(Environment.CurrentDirectory, Path.ChangeExtension(broken, ".csx")) + ":3:32: error DK2001"));
        Assert.That(result.Error, Does.Contain("rules loaded: 2, rules failed to load: 1"));
    }

    [Test]
    public void ARuleThatThrowsIsReportedWithItsScriptLineAndTheRunGoesOn()
    {
        using var workspace = TestCommandTests.AuthorsWorkspace();
        workspace.AddRule("throws", """
            id: sample.throws
            title: Throws
            severity: low
            tests:
              - { name: a, expect: true, event: { eventName: A } }
              - { name: b, expect: false, event: { eventName: B } }
            """, "bool Rule(CloudTrailEvent e) =>\n    e.Get(\"requestParameters.missing\").Length > 0;\n");

        var result = Shell.Run("run", "--rules", workspace.Rules, "--source", StratusCapture("defense-evasion.cloudtrail-stop"), StratusCapture("defense-evasion.cloudtrail-delete"));

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.OutLines, Has.Exactly(1).Contains("\"ruleId\":\"sample.stop-logging\""));
        Assert.That(result.Error, Does.Contain("throws.csx:2:").And.Contain("DK5001: sample.throws: Rule threw on event"));
    }

    [Test]
    public void StandardInputIsReadWithADash()
    {
        var bytes = File.ReadAllBytes(StratusCapture("defense-evasion.cloudtrail-stop"));

        var result = Shell.RunWithInput(bytes, "run", "--rules", RepositoryPaths.Rules, "--source", "-");

        Assert.That(result.OutLines, Has.Exactly(1).Contains("aws.cloudtrail.logging-stopped"));
    }

    [Test]
    public void AlertsGoToTheOutputFileWhenOneIsGiven()
    {
        using var workspace = new RulesWorkspace();
        var output = Path.Combine(workspace.Root, "alerts.jsonl");

        var result = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", StratusCapture("defense-evasion.cloudtrail-stop"), "--out", output);

        Assert.That(result.Out, Is.Empty);
        Assert.That(File.ReadAllLines(output), Has.Length.EqualTo(1));
    }

    [Test]
    public void BadInputIsReportedByNameAndTheOtherInputsStillRun()
    {
        using var workspace = new RulesWorkspace();
        var bad = workspace.AddFile("bad.json", "{\"Records\": [");

        var result = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", bad, "/nonexistent.json", StratusCapture("defense-evasion.cloudtrail-stop"));

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.OutLines, Has.Exactly(1).Contains("aws.cloudtrail.logging-stopped"));
        Assert.That(result.Error, Does.Contain("bad.json:1:").And.Contain("DK4001: not valid JSON"));
        Assert.That(result.Error, Does.Contain("/nonexistent.json: error DK4001: no such file or directory"));
    }

    [Test]
    [NonParallelizable]
    public void WithoutASourceTheBundledFixturesAreReplayed()
    {
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = RepositoryPaths.Root;
        try
        {
            var result = Shell.Run("run");

            Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
            Assert.That(result.OutLines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("ruleId").GetString()), Does.Contain("aws.cloudtrail.logging-stopped"));
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Test]
    public void APackLimitsTheRunToItsRules()
    {
        var all = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", RepositoryPaths.Fixtures);
        var pack = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", RepositoryPaths.Fixtures, "--pack", "aws/cloudtrail");

        var ruleIds = pack.OutLines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("ruleId").GetString()).ToList();
        Assert.That(ruleIds, Is.Not.Empty.And.All.StartWith("aws.cloudtrail."));
        Assert.That(all.OutLines.Count, Is.GreaterThan(pack.OutLines.Count));
    }

    [Test]
    public void AnUnknownPackIsAUsageError()
    {
        var result = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--pack", "no-such-pack", "--source", RepositoryPaths.Fixtures);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("no pack named 'no-such-pack'; packs here:"));
    }

    [Test]
    public void WithAStateFileASecondReplayPrintsNoAlertAgain()
    {
        using var workspace = new RulesWorkspace();
        var state = Path.Combine(workspace.Root, "state.db");

        var first = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", RepositoryPaths.Fixtures, "--state", state);
        var second = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", RepositoryPaths.Fixtures, "--state", state);
        var withoutState = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", RepositoryPaths.Fixtures);

        Assert.That(first.OutLines, Is.Not.Empty);
        Assert.That(second.OutLines, Is.Empty);
        Assert.That(second.Error, Does.Contain("alerts: 0,"));
        Assert.That(withoutState.Out, Is.EqualTo(first.Out));
    }

    [Test]
    public void WithAStateFileTheOutputFileIsAppendedTo()
    {
        using var workspace = new RulesWorkspace();
        var state = Path.Combine(workspace.Root, "state.db");
        var output = Path.Combine(workspace.Root, "alerts.jsonl");

        Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", StratusCapture("defense-evasion.cloudtrail-stop"), "--state", state, "--out", output);
        Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", StratusCapture("defense-evasion.cloudtrail-delete"), "--state", state, "--out", output);

        Assert.That(File.ReadAllLines(output).Select(l => JsonNode.Parse(l)!["ruleId"]!.GetValue<string>()), Is.EqualTo(new[] { "aws.cloudtrail.logging-stopped", "aws.cloudtrail.trail-deleted" }));
    }

    [Test]
    public void AStateFileThatIsNotADatabaseEndsWithTheStateExitCodeNamingIt()
    {
        using var workspace = new RulesWorkspace();
        var state = workspace.AddFile("state.db", new string('x', 4096));

        var result = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", StratusCapture("defense-evasion.cloudtrail-stop"), "--state", state);

        Assert.That(result.ExitCode, Is.EqualTo(4));
        Assert.That(result.Error, Does.Contain($"cannot use the state file {state}"));
    }

    [Test]
    public void APackThatSelectsNothingIsAUsageError()
    {
        using var workspace = TestCommandTests.AuthorsWorkspace();
        workspace.AddFile("rules/empty.pack.yml", "rules: [no.such.*]\n");

        var result = Shell.Run("run", "--rules", workspace.Rules, "--pack", "empty", "--source", StratusCapture("defense-evasion.cloudtrail-stop"));

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("error DK1013: the pack empty selects no enabled rule that loaded"));
    }

    [Test]
    public void ASettingsFileTunesTheShippedRulesWithoutAFork()
    {
        using var workspace = new RulesWorkspace();
        var settings = workspace.AddFile("org.settings.yml", """
            # yaml-language-server: $schema=settings.schema.json
            parameters:
              knownAccounts: ["193672423079"]
            rules:
              aws.cloudtrail.logging-stopped:
                suppressions:
                  - reason: christophe's lab trail (SEC-42)
                    principal: arn:aws:iam::143434273843:user/christophe
            """);
        string[] sources = ["--source", StratusCapture("persistence.iam-backdoor-role"), "--source", StratusCapture("defense-evasion.cloudtrail-stop")];

        var shipped = Shell.Run(["run", "--rules", RepositoryPaths.Rules, .. sources]);
        var tuned = Shell.Run(["run", "--rules", RepositoryPaths.Rules, .. sources, "--settings", settings]);

        Assert.That(shipped.OutLines.Select(l => JsonNode.Parse(l)!["ruleId"]!.GetValue<string>()), Is.EqualTo(new[] { "aws.cloudtrail.logging-stopped", "aws.iam.role-trust-opened-to-external-principal" }));
        Assert.That(tuned.ExitCode, Is.EqualTo(0), tuned.ToString);
        Assert.That(tuned.Out, Is.Empty, "the trusted account is known, and the stop is suppressed");
        Assert.That(tuned.Error, Does.Contain("suppressed: 1 match of aws.cloudtrail.logging-stopped: christophe's lab trail (SEC-42)\n"));
        Assert.That(tuned.Error, Does.Contain("matches: 0, suppressed: 1, alerts: 0, errors: 0"));
    }

    [Test]
    public void ASettingsFileWithErrorsRunsNothing()
    {
        using var workspace = new RulesWorkspace();
        var settings = workspace.AddFile("org.settings.yml", "parameters:\n  ownEgress: [\"10.0.0.0/33\"]\n");

        var result = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", StratusCapture("defense-evasion.cloudtrail-stop"), "--settings", settings);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
        Assert.That(result.Out, Is.Empty);
        Assert.That(result.Error, Does.Contain("org.settings.yml:2:15: error DK1020: parameter 'ownEgress' (cidrs, as aws.correlation.instance-credentials-used-from-two-networks, aws.ec2.instance-credentials-used-outside-instance, aws.s3.objects-read-with-instance-credentials-from-workstation declare it): the value '10.0.0.0/33' is not an IP range"));
        Assert.That(result.Error, Does.Contain("has errors; nothing was run"));
    }
}
