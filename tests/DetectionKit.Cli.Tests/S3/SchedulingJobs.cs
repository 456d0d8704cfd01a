using System.Text.Json.Nodes;
using DetectionKit.Cli.Tests.Support;
using DetectionKit.Engine.Delivery;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Cli.Tests.S3;

public sealed class SchedulingJobs
{
    private static DateTimeOffset HourStart => new(DateTimeOffset.UtcNow.Year, DateTimeOffset.UtcNow.Month, DateTimeOffset.UtcNow.Day, DateTimeOffset.UtcNow.Hour, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task TwoRunsInARowDeliverEachAlertOnce()
    {
        using var bucket = await TrailBucket.CreateAsync();
        using var workspace = new ScheduleWorkspace(bucket);
        workspace.AddStopRule(dedup: "e.EventId");
        workspace.WriteConfig();
        var now = DateTimeOffset.UtcNow;
        await bucket.PutLogAsync(ScheduleWorkspace.Stops(now.AddMinutes(-50), 3), ScheduleWorkspace.Account, "us-east-1", now.AddMinutes(-40));
        await bucket.PutLogAsync(ScheduleWorkspace.Stops(now.AddMinutes(-30), 2), ScheduleWorkspace.Account, "eu-west-1", now.AddMinutes(-20));

        var first = workspace.Once();
        var second = workspace.Once();

        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString);
        Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString);
        Assert.That(first.Error, Does.Contain("objects read 2"));
        Assert.That(second.Error, Does.Contain("objects read 0, already processed 2").And.Contain("delivered 0 to org-trail/jsonl:out/alerts.jsonl"));
        var alerts = workspace.DeliveredAlerts();
        Assert.That(alerts, Has.Count.EqualTo(5));
        Assert.That(alerts.Select(a => a["alertId"]!.GetValue<string>()).Distinct().Count(), Is.EqualTo(5));
    }

    [Test]
    public async Task ALateObjectInAnAlreadyProcessedHourIsPickedUpByTheNextRunAndOnlyIt()
    {
        using var bucket = await TrailBucket.CreateAsync();
        using var workspace = new ScheduleWorkspace(bucket);
        workspace.AddStopRule(dedup: "e.EventId");
        workspace.WriteConfig();
        var now = DateTimeOffset.UtcNow;
        await bucket.PutLogAsync(ScheduleWorkspace.Stops(now.AddMinutes(-70), 1), ScheduleWorkspace.Account, "us-east-1", now.AddMinutes(-60));
        await bucket.PutLogAsync(ScheduleWorkspace.Stops(now.AddMinutes(-20), 1), ScheduleWorkspace.Account, "us-east-1", now.AddMinutes(-10));
        workspace.Once();

        // Delivered late, into the hour the first run already read.
        await bucket.PutLogAsync(ScheduleWorkspace.Stops(now.AddMinutes(-69), 1), ScheduleWorkspace.Account, "us-east-1", now.AddMinutes(-59));
        var second = workspace.Once();

        Assert.That(second.Error, Does.Contain("objects read 1, already processed 2"));
        Assert.That(workspace.DeliveredAlerts(), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task TwoMatchesWithTheSameDedupKeyInTheWindowGiveOneAlertWithEventCountTwo()
    {
        using var bucket = await TrailBucket.CreateAsync();
        using var workspace = new ScheduleWorkspace(bucket);
        workspace.AddStopRule();
        workspace.WriteConfig();
        var hour = HourStart.AddHours(-1);
        await bucket.PutLogAsync(ScheduleWorkspace.Stops(hour.AddMinutes(5), 1), ScheduleWorkspace.Account, "us-east-1", hour.AddMinutes(10));
        await bucket.PutLogAsync(ScheduleWorkspace.Stops(hour.AddMinutes(25), 1), ScheduleWorkspace.Account, "eu-west-1", hour.AddMinutes(30));

        workspace.Once();

        var alert = workspace.DeliveredAlerts().Single();
        Assert.That(alert["eventCount"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(alert["eventIds"]!.AsArray(), Has.Count.EqualTo(2));
        Assert.That(alert["dedupKey"]!.GetValue<string>(), Is.EqualTo(ScheduleWorkspace.Account));
    }

    [Test]
    public async Task AThresholdRuleFiresOnlyAtItsThreshold()
    {
        using var bucket = await TrailBucket.CreateAsync();
        using var workspace = new ScheduleWorkspace(bucket);
        workspace.AddStopRule(threshold: 3);
        workspace.WriteConfig();
        var hour = HourStart.AddHours(-1);
        await bucket.PutLogAsync(ScheduleWorkspace.Stops(hour.AddMinutes(5), 2), ScheduleWorkspace.Account, "us-east-1", hour.AddMinutes(10));
        workspace.Once();
        var belowThreshold = workspace.DeliveredAlerts();

        await bucket.PutLogAsync(ScheduleWorkspace.Stops(hour.AddMinutes(40), 1), ScheduleWorkspace.Account, "us-east-1", hour.AddMinutes(45));
        workspace.Once();

        Assert.That(belowThreshold, Is.Empty);
        var alert = workspace.DeliveredAlerts().Single();
        Assert.That((alert["eventCount"]!.GetValue<int>(), alert["threshold"]!.GetValue<int>()), Is.EqualTo((3, 3)));
    }

    [Test]
    public async Task AWebhookThatRefusesForAWhileReceivesEveryAlertExactlyOnceAfterItRecovers()
    {
        using var bucket = await TrailBucket.CreateAsync();
        using var workspace = new ScheduleWorkspace(bucket);
        using var receiver = new WebhookReceiver();
        workspace.AddStopRule(dedup: "e.EventId");
        Environment.SetEnvironmentVariable("DK_TEST_WEBHOOK_SECRET", "s3cret");
        workspace.WriteConfig($"      - {{ type: webhook, url: \"{receiver.Url}\", secretEnv: DK_TEST_WEBHOOK_SECRET, maxRetries: 2, retryDelaySeconds: 0.01 }}");
        var now = DateTimeOffset.UtcNow;
        await bucket.PutLogAsync(ScheduleWorkspace.Stops(now.AddMinutes(-50), 3), ScheduleWorkspace.Account, "us-east-1", now.AddMinutes(-40));

        receiver.RefuseAll();
        var refused = workspace.Once();
        receiver.Recover();
        receiver.RefuseNext(1);
        var recovered = workspace.Once();
        var again = workspace.Once();

        Assert.That(refused.ExitCode, Is.EqualTo(1));
        Assert.That(refused.Error, Does.Contain("DK6001").And.Contain("3 alert(s) stay pending"));
        Assert.That(recovered.ExitCode, Is.EqualTo(0), recovered.ToString);
        Assert.That(again.ExitCode, Is.EqualTo(0), again.ToString);
        var ids = receiver.Accepted.Select(a => JsonNode.Parse(a.Body)!["alertId"]!.GetValue<string>()).ToList();
        Assert.That(ids, Has.Count.EqualTo(3).And.Unique);
        Assert.That(receiver.Accepted.All(a => a.Headers["X-DetectionKit-Signature"] == "sha256=" + WebhookAlertSink.Sign("s3cret", a.Body)), Is.True);
    }

    [Test]
    public void AnInvalidScheduleFileIsAUsageErrorAtItsLine()
    {
        using var workspace = new RulesWorkspace();
        var config = workspace.AddFile("schedule.yml", "state: s.db\njobs:\n  - name: j\n    source: { url: s3://b }\n    cron: \"*/5 * * * *\"\n    outptus: []\n");

        var result = Shell.Run("schedule", "--config", config, "--once");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("schedule.yml:6:5: error DK1003: unknown key 'outptus' in 'jobs.0' (did you mean 'outputs'?)"));
    }

    [Test]
    public async Task EachJobDeliversOnlyItsOwnAlerts()
    {
        using var busy = await TrailBucket.CreateAsync();
        using var quiet = await TrailBucket.CreateAsync();
        using var workspace = new ScheduleWorkspace(busy);
        workspace.AddStopRule(dedup: "e.EventId");
        File.WriteAllText(workspace.ConfigPath, $$"""
            state: state/detectionkit.db
            jobs:
              - name: busy
                source: { url: "s3://{{busy.Name}}" }
                cron: "*/5 * * * *"
                outputs: [{ type: jsonl, path: out/busy.jsonl }]
              - name: quiet
                source: { url: "s3://{{quiet.Name}}" }
                cron: "*/5 * * * *"
                outputs: [{ type: jsonl, path: out/quiet.jsonl }]
            """);
        var now = DateTimeOffset.UtcNow;
        await busy.PutLogAsync(ScheduleWorkspace.Stops(now.AddMinutes(-30), 2), ScheduleWorkspace.Account, "us-east-1", now.AddMinutes(-20));

        var result = workspace.Once();

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(File.ReadAllLines(Path.Combine(workspace.Rules.Root, "out", "busy.jsonl")), Has.Length.EqualTo(2));
        Assert.That(File.ReadAllText(Path.Combine(workspace.Rules.Root, "out", "quiet.jsonl")), Is.Empty);
    }

    [Test]
    public async Task AnAlertTheWebhookRejectsDoesNotHoldUpTheOthers()
    {
        using var bucket = await TrailBucket.CreateAsync();
        using var workspace = new ScheduleWorkspace(bucket);
        using var receiver = new WebhookReceiver { RefusalStatus = System.Net.HttpStatusCode.UnprocessableEntity };
        workspace.AddStopRule(dedup: "e.EventId");
        workspace.WriteConfig($"      - {{ type: webhook, url: \"{receiver.Url}\", maxRetries: 0 }}");
        var now = DateTimeOffset.UtcNow;
        await bucket.PutLogAsync(ScheduleWorkspace.Stops(now.AddMinutes(-50), 3), ScheduleWorkspace.Account, "us-east-1", now.AddMinutes(-40));
        receiver.RefuseNext(1);

        var first = workspace.Once();
        var second = workspace.Once();

        Assert.That(first.ExitCode, Is.EqualTo(1));
        Assert.That(first.Error, Does.Contain("rejected"));
        Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString);
        Assert.That(receiver.Accepted.Select(a => JsonNode.Parse(a.Body)!["alertId"]!.GetValue<string>()).ToList(), Has.Count.EqualTo(3).And.Unique);
    }

    [Test]
    public void AScheduleFileWithAnImpossibleCronATooShortLookbackOrABadUrlIsRefusedAtItsLines()
    {
        using var workspace = new RulesWorkspace();
        var config = workspace.AddFile("schedule.yml", """
            state: s.db
            jobs:
              - name: never
                source: { url: "s3://b" }
                cron: "0 0 30 2 *"
                outputs: [{ type: jsonl, path: a.jsonl }]
              - name: short
                source: { url: "s3://b" }
                cron: "*/5 * * * *"
                lookback: 5m
                outputs: [{ type: webhook, url: "https://${SOC_HOST}/hook" }]
            """);

        var result = Shell.Run("schedule", "--config", config, "--once");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("schedule.yml:5:5: error DK1014: cron '0 0 30 2 *' never fires"));
        Assert.That(result.Error, Does.Contain("schedule.yml:10:5: error DK1014: lookback 5m is shorter than CloudTrail's delivery delay"));
        Assert.That(result.Error, Does.Contain("schedule.yml:11:32: error DK1014: 'https://${SOC_HOST}/hook' is not a valid URL"));
    }

    [Test]
    public async Task AStateFileInUseByAnotherProcessEndsWithTheStateExitCode()
    {
        using var bucket = await TrailBucket.CreateAsync();
        using var workspace = new ScheduleWorkspace(bucket);
        workspace.AddStopRule();
        workspace.WriteConfig();
        using var other = DetectionKit.Engine.State.SqliteAlertStateStore.Open(workspace.StatePath);

        var result = workspace.Once();

        Assert.That(result.ExitCode, Is.EqualTo(4));
        Assert.That(result.Error, Does.Contain("is in use by another detectionkit process"));
    }

    [Test]
    public async Task AJobWhoseBucketCannotBeReachedIsReportedAndTheNextJobStillRuns()
    {
        using var bucket = await TrailBucket.CreateAsync();
        using var workspace = new ScheduleWorkspace(bucket);
        workspace.AddStopRule(dedup: "e.EventId");
        var now = DateTimeOffset.UtcNow;
        await bucket.PutLogAsync(ScheduleWorkspace.Stops(now.AddMinutes(-50), 1), ScheduleWorkspace.Account, "us-east-1", now.AddMinutes(-40));
        File.WriteAllText(workspace.ConfigPath, $$"""
            state: state/detectionkit.db
            rules: rules
            jobs:
              - name: unreachable
                source: { url: "s3://{{bucket.Name}}", endpointUrl: "http://127.0.0.1:1" }
                cron: "*/5 * * * *"
                outputs: [{ type: jsonl, path: out/unreachable.jsonl }]
              - name: org-trail
                source: { url: "s3://{{bucket.Name}}" }
                cron: "*/5 * * * *"
                outputs: [{ type: jsonl, path: out/alerts.jsonl }]
            """);

        var result = workspace.Once();

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Error, Does.Contain($"s3://{bucket.Name}/: error DK4001: cannot list the bucket: "));
        Assert.That(result.Error, Does.Match(@"job org-trail \([^)]*\): objects read 1,"));
        Assert.That(workspace.DeliveredAlerts(), Has.Count.EqualTo(1));
    }

    [Test]
    public void ASourceBelowTheRegionFolderIsAUsageErrorAtItsLine()
    {
        using var workspace = new RulesWorkspace();
        var config = workspace.AddFile("schedule.yml", "state: s.db\njobs:\n  - name: j\n    source: { url: s3://b/AWSLogs/111122223333/CloudTrail/us-east-1/2024/ }\n    cron: \"*/5 * * * *\"\n    outputs: [{ type: jsonl, path: a.jsonl }]\n");

        var result = Shell.Run("schedule", "--config", config, "--once");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
        Assert.That(result.Error, Does.Contain("schedule.yml:4:15: error DK1014: source url s3://b/AWSLogs/111122223333/CloudTrail/us-east-1/2024/: goes below the region folder ('2024')"));
    }

    [Test]
    public void ARegionThatIsNotARegionNameIsAUsageErrorAtItsLine()
    {
        using var workspace = new RulesWorkspace();
        var config = workspace.AddFile("schedule.yml", "state: s.db\njobs:\n  - name: j\n    source: { url: s3://b, regions: [us-east-1a] }\n    cron: \"*/5 * * * *\"\n    outputs: [{ type: jsonl, path: a.jsonl }]\n");

        var result = Shell.Run("schedule", "--config", config, "--once");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
        Assert.That(result.Error, Does.Contain("schedule.yml:4:").And.Contain("error DK1002").And.Contain("jobs.0.source.regions.0"));
    }

    [Test]
    public async Task AJobWithNothingUnderItsLocationWarnsAndSucceeds()
    {
        using var bucket = await TrailBucket.CreateAsync();
        using var workspace = new ScheduleWorkspace(bucket);
        workspace.AddStopRule();
        workspace.WriteConfig();

        var result = workspace.Once();

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(result.Error, Does.Contain($"warning DK4003: no AWSLogs/<account>/ folders under s3://{bucket.Name}/: does the trail write under a key prefix?"));
    }

    [Test]
    public void AnUnsetSecretVariableAndAnUnknownPackAreReportedAtTheirLines()
    {
        using var workspace = new RulesWorkspace();
        workspace.AddRule("aws/stop", "id: x.stop\ntitle: T\nseverity: low\ntests:\n  - { name: a, expect: true, event: { eventName: A } }\n  - { name: b, expect: false, event: { eventName: B } }\n", "bool Rule(CloudTrailEvent e) => true;\n");
        var config = workspace.AddFile("schedule.yml", """
            state: s.db
            jobs:
              - name: j
                packs: [no-such-pack]
                source: { url: "s3://b" }
                cron: "*/5 * * * *"
                outputs:
                  - { type: webhook, url: "https://soc.example.com/hook", secretEnv: DK_TEST_UNSET_SECRET_0 }
            """);

        var secret = Shell.Run("schedule", "--config", config, "--once");
        File.WriteAllText(config, File.ReadAllText(config).Replace(", secretEnv: DK_TEST_UNSET_SECRET_0", string.Empty, StringComparison.Ordinal));
        var pack = Shell.Run("schedule", "--config", config, "--once");

        Assert.That(secret.ExitCode, Is.EqualTo(2));
        Assert.That(secret.Error, Does.Contain("schedule.yml:8:63: error DK1014: the webhook secret variable DK_TEST_UNSET_SECRET_0 is not set"));
        Assert.That(pack.ExitCode, Is.EqualTo(2));
        Assert.That(pack.Error, Does.Contain("schedule.yml:4:5: error DK1013: no pack named 'no-such-pack'"));
    }

    [Test]
    public async Task AJobsSettingsSuppressMatchesAndItsSummarySaysWhy()
    {
        using var bucket = await TrailBucket.CreateAsync();
        using var workspace = new ScheduleWorkspace(bucket);
        workspace.AddStopRule(dedup: "e.EventId");
        workspace.WriteConfig();
        workspace.Rules.AddFile("org.settings.yml", "rules:\n  test.stop:\n    suppressions:\n      - reason: the trail is rebuilt nightly (OPS-7)\n        region: eu-west-1\n");
        File.AppendAllText(workspace.ConfigPath, "\n    settings: org.settings.yml\n");
        var now = DateTimeOffset.UtcNow;
        await bucket.PutLogAsync(ScheduleWorkspace.Stops(now.AddMinutes(-50), 3), ScheduleWorkspace.Account, "us-east-1", now.AddMinutes(-40));
        var rebuilt = ScheduleWorkspace.Stops(now.AddMinutes(-30), 2);
        foreach (var record in rebuilt)
        {
            record!["awsRegion"] = "eu-west-1";
        }

        await bucket.PutLogAsync(rebuilt, ScheduleWorkspace.Account, "eu-west-1", now.AddMinutes(-20));

        var result = workspace.Once();

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(result.Error, Does.Contain("matches 3, suppressed 2, delivered 3 to org-trail/jsonl:out/alerts.jsonl"));
        Assert.That(result.Error, Does.Contain("  suppressed: 2 matches of test.stop: the trail is rebuilt nightly (OPS-7)"));
        Assert.That(workspace.DeliveredAlerts(), Has.Count.EqualTo(3));
    }

    [Test]
    public void ASettingsFileWithErrorsStartsNoJob()
    {
        using var workspace = new RulesWorkspace();
        workspace.AddRule("stop", SampleRules.StopLoggingYaml.Replace("file: ../fixtures/stop.json", "event: { eventSource: cloudtrail.amazonaws.com, eventName: StopLogging }", StringComparison.Ordinal), SampleRules.StopLoggingScript);
        workspace.AddFile("org.settings.yml", "rules:\n  sample.stop-loging:\n    enabled: false\n");
        var config = workspace.AddFile("schedule.yml", "state: s.db\nsettings: org.settings.yml\njobs:\n  - name: j\n    source: { url: s3://b }\n    cron: \"*/5 * * * *\"\n    outputs: [{ type: jsonl, path: out.jsonl }]\n");

        var result = Shell.Run("schedule", "--config", config, "--once");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
        Assert.That(result.Error, Does.Contain("org.settings.yml:2:3: error DK1018: no loaded rule has the id 'sample.stop-loging' (did you mean 'sample.stop-logging'?)"));
    }
}
