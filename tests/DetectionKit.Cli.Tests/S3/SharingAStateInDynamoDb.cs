using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using DetectionKit.Cli.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Cli.Tests.S3;

/// <summary>
/// <c>--state dynamodb://TABLE</c> as a user runs it against moto_server: <c>init</c> creates the table,
/// workers share it, and a missing or misnamed table is said before anything runs.
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
}
