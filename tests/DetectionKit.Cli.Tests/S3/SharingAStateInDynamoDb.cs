using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using DetectionKit.Cli.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Cli.Tests.S3;

/// <summary>
/// <c>--state dynamodb://TABLE</c> as a user runs it against moto_server: <c>init</c> creates the table,
/// workers share it, correlation groups are kept in it across runs, and a missing or misnamed table is
/// said before anything runs.
/// </summary>
public sealed class SharingAStateInDynamoDb
{
    [Test]
    public void InitCreatesTheTableAndFindsItThereTheSecondTime()
    {
        var table = "dk-" + Guid.NewGuid().ToString("N")[..8];

        var created = Shell.Run("init", "--state", $"dynamodb://{table}");
        var again = Shell.Run("init", "--state", $"dynamodb://{table}");

        Assert.That(created.ExitCode, Is.Zero, created.ToString);
        Assert.That(created.Out, Does.Contain($"dynamodb://{table}: created the table").And.Contain("it is ACTIVE"));
        Assert.That(again.ExitCode, Is.Zero, again.ToString);
        Assert.That(again.Out, Does.Contain("the table is already there, in the state's shape"));
    }

    [Test]
    public void AMissingTableIsReportedWithTheInitCommandAndNothingRuns()
    {
        var result = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", RepositoryPaths.Fixtures, "--state", "dynamodb://never-created");

        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString);
        Assert.That(result.Error, Does.Contain("dynamodb://never-created: error DK6020: the DynamoDB table never-created does not exist").And.Contain("detectionkit init --state dynamodb://never-created"));
        Assert.That(result.Out, Is.Empty);
    }

    [Test]
    public void AStateThatNamesNoTableIsAUsageError()
    {
        var result = Shell.Run("worker", "--rules", RepositoryPaths.Rules, "--queue", "http://localhost/q", "--state", "dynamodb://a/b");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
        Assert.That(result.Error, Does.Contain("error DK6023: --state 'dynamodb://a/b' does not name a DynamoDB table"));
    }

    [Test]
    public async Task TwoWorkersOnOneTableAlertOnEachObjectOnceThoughItIsAnnouncedTwice()
    {
        using var bucket = await TrailBucket.CreateAsync();
        using var sqs = new AmazonSQSClient();
        var queue = (await sqs.CreateQueueAsync("trail-" + Guid.NewGuid().ToString("N")[..12])).QueueUrl;
        var arn = (await sqs.GetQueueAttributesAsync(queue, ["QueueArn"])).QueueARN;
        using (var s3 = new AmazonS3Client(new AmazonS3Config { ServiceURL = MotoFixture.Server.Endpoint.ToString(), ForcePathStyle = true }))
        {
            await s3.PutBucketNotificationAsync(new PutBucketNotificationRequest
            {
                BucketName = bucket.Name,
                QueueConfigurations = [new QueueConfiguration { Queue = arn, Events = [EventType.ObjectCreatedAll] }],
            });
        }

        var table = "dk-" + Guid.NewGuid().ToString("N")[..8];
        Assert.That(Shell.Run("init", "--state", $"dynamodb://{table}").ExitCode, Is.Zero);
        var time = DateTimeOffset.Parse("2024-08-01T10:05:00Z");
        await bucket.PutLogAsync(TrailBucket.Capture("defense-evasion.cloudtrail-stop"), "111111111111", "us-east-1", time, "o-abc123");
        await bucket.PutLogAsync(TrailBucket.Capture("defense-evasion.cloudtrail-delete"), "111111111111", "eu-west-1", time.AddMinutes(5), "o-abc123");

        var first = Shell.Run("worker", "--rules", RepositoryPaths.Rules, "--queue", queue, "--until-empty", "--state", $"dynamodb://{table}", "--parallelism", "1");

        Assert.That(first.ExitCode, Is.Zero, first.ToString);
        Assert.That(first.OutLines.Select(l => JsonNode.Parse(l)!["ruleId"]!.GetValue<string>()), Is.EquivalentTo(new[] { "aws.cloudtrail.logging-stopped", "aws.cloudtrail.trail-deleted" }));

        // SQS delivers the first object's notification again, to another worker on the same table.
        var announcedAgain = new JsonObject { ["Records"] = new JsonArray(new JsonObject { ["eventSource"] = "aws:s3", ["eventName"] = "ObjectCreated:Put", ["s3"] = new JsonObject { ["bucket"] = new JsonObject { ["name"] = bucket.Name }, ["object"] = new JsonObject { ["key"] = bucket.Objects[0].Key } } }) };
        await sqs.SendMessageAsync(queue, announcedAgain.ToJsonString());
        var second = Shell.Run("worker", "--rules", RepositoryPaths.Rules, "--queue", queue, "--until-empty", "--state", $"dynamodb://{table}", "--parallelism", "1");

        Assert.That(second.ExitCode, Is.Zero, second.ToString);
        Assert.That(second.Out, Is.Empty, "the other worker delivered these alerts already");
        Assert.That(second.Error, Does.Contain("objects read: 0, already processed: 1"));
    }

    [Test]
    public async Task ASequenceSplitOverTwoObjectsAndTwoRunsOnOneTableFiresOnceThoughItsLaterHalfCameFirst()
    {
        using var workspace = new RulesWorkspace();
        workspace.AddRule(
            "demo/assume-then-stop",
            """
            id: demo.assume-then-stop
            title: Role assumed, then the trail stopped
            severity: high
            correlation:
              type: temporal_ordered
              timespan: 30m
              group_by: recipientAccountId
              steps:
                - name: assume
                  function: Assumed
                  match: { eventSource: sts.amazonaws.com, eventName: AssumeRole }
                - name: stop
                  function: Stopped
                  match: { eventSource: cloudtrail.amazonaws.com, eventName: StopLogging }
            tests: []
            """,
            "bool Assumed(CloudTrailEvent e) => true;\n\nbool Stopped(CloudTrailEvent e) => true;\n");
        using var bucket = await TrailBucket.CreateAsync();
        var table = "dk-" + Guid.NewGuid().ToString("N")[..8];
        Assert.That(Shell.Run("init", "--state", $"dynamodb://{table}").ExitCode, Is.Zero);
        var delivered = DateTimeOffset.Parse("2024-08-01T10:05:00Z");
        await bucket.PutLogAsync([Record("e2", "cloudtrail.amazonaws.com", "StopLogging", "2024-08-01T10:01:00Z")], "111122223333", "us-east-1", delivered);
        var first = Run(workspace, bucket, table, delivered);
        await bucket.PutLogAsync([Record("e1", "sts.amazonaws.com", "AssumeRole", "2024-08-01T09:55:00Z")], "111122223333", "us-east-1", delivered.AddMinutes(20));
        var second = Run(workspace, bucket, table, delivered.AddMinutes(20));
        var replay = Run(workspace, bucket, table, delivered.AddMinutes(20));

        Assert.That(first.ExitCode, Is.Zero, first.ToString);
        Assert.That(first.OutLines, Is.Empty, "a stop with no assume before it yet");
        Assert.That(second.ExitCode, Is.Zero, second.ToString);
        var alert = JsonNode.Parse(second.OutLines.Single())!;
        Assert.That(alert["ruleId"]!.GetValue<string>(), Is.EqualTo("demo.assume-then-stop"));
        Assert.That(alert["eventIds"]!.AsArray().Select(id => id!.GetValue<string>()), Is.EqualTo(new[] { "e1", "e2" }));
        Assert.That(replay.ExitCode, Is.Zero, replay.ToString);
        Assert.That(replay.OutLines, Is.Empty, "the table remembers the firing and the delivery");
    }

    private static CliResult Run(RulesWorkspace workspace, TrailBucket bucket, string table, DateTimeOffset delivered) =>
        Shell.Run("run", "--rules", workspace.Rules, "--state", $"dynamodb://{table}", "--source", $"s3://{bucket.Name}", "--since", delivered.AddHours(-1).ToString("O"), "--until", delivered.AddHours(1).ToString("O"));

    private static JsonObject Record(string eventId, string eventSource, string eventName, string eventTime) => new()
    {
        ["eventVersion"] = "1.09",
        ["eventSource"] = eventSource,
        ["eventName"] = eventName,
        ["eventType"] = "AwsApiCall",
        ["eventID"] = eventId,
        ["eventTime"] = eventTime,
        ["awsRegion"] = "us-east-1",
        ["recipientAccountId"] = "111122223333",
        ["userIdentity"] = new JsonObject { ["type"] = "AssumedRole", ["arn"] = "arn:aws:sts::111122223333:assumed-role/ops/mallory", ["accountId"] = "111122223333" },
    };
}
