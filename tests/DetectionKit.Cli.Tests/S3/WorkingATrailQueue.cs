using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using DetectionKit.Cli.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Cli.Tests.S3;

/// <summary>
/// <c>detectionkit worker</c> on a queue that a real bucket notification feeds (moto): S3 announces each
/// object as it is written, with an <c>s3:TestEvent</c> first, as it does when the notification is set up.
/// </summary>
public sealed class WorkingATrailQueue
{
    [Test]
    public async Task TheWorkerAlertsOnEachDeliveredObjectOnceAndGoesOnPastAMalformedMessage()
    {
        using var bucket = await TrailBucket.CreateAsync();
        using var workspace = new RulesWorkspace();
        using var sqs = new AmazonSQSClient();
        // A short visibility timeout, so the malformed message is back for the second run.
        var queue = (await sqs.CreateQueueAsync(new Amazon.SQS.Model.CreateQueueRequest { QueueName = "trail-" + Guid.NewGuid().ToString("N")[..12], Attributes = new() { ["VisibilityTimeout"] = "2" } })).QueueUrl;
        var arn = (await sqs.GetQueueAttributesAsync(queue, ["QueueArn"])).QueueARN;
        using (var s3 = new AmazonS3Client(new AmazonS3Config { ServiceURL = MotoFixture.Server.Endpoint.ToString(), ForcePathStyle = true }))
        {
            await s3.PutBucketNotificationAsync(new PutBucketNotificationRequest
            {
                BucketName = bucket.Name,
                QueueConfigurations = [new QueueConfiguration { Queue = arn, Events = [EventType.ObjectCreatedAll] }],
            });
        }

        var time = DateTimeOffset.Parse("2024-08-01T10:05:00Z");
        await bucket.PutLogAsync(TrailBucket.Capture("defense-evasion.cloudtrail-stop"), "111111111111", "us-east-1", time, "o-abc123");
        await sqs.SendMessageAsync(queue, "{\"not\":\"a notification\"}");
        await bucket.PutLogAsync(TrailBucket.Capture("defense-evasion.cloudtrail-delete"), "111111111111", "eu-west-1", time.AddMinutes(5), "o-abc123");
        var state = Path.Combine(workspace.Root, "worker.state.db");
        var alerts = (await sqs.CreateQueueAsync("alerts-" + Guid.NewGuid().ToString("N")[..12])).QueueUrl;

        var first = Shell.Run("worker", "--rules", RepositoryPaths.Rules, "--queue", queue, "--until-empty", "--state", state, "--out", "-", "--alerts-queue", alerts);

        Assert.That(first.ExitCode, Is.EqualTo(1), first.ToString);
        Assert.That(first.OutLines.Select(l => JsonNode.Parse(l)!["ruleId"]!.GetValue<string>()), Is.EquivalentTo(new[] { "aws.cloudtrail.logging-stopped", "aws.cloudtrail.trail-deleted" }));
        Assert.That(first.Error, Does.Contain("s3:TestEvent").And.Contain("error DK4011: not a notification of new objects"));
        Assert.That(first.Error, Does.Contain("objects read: 2"));
        var sent = await sqs.ReceiveMessageAsync(new Amazon.SQS.Model.ReceiveMessageRequest { QueueUrl = alerts, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 });
        Assert.That(sent.Messages.Select(m => JsonNode.Parse(m.Body)!["ruleId"]!.GetValue<string>()), Is.EquivalentTo(new[] { "aws.cloudtrail.logging-stopped", "aws.cloudtrail.trail-deleted" }), "the same alerts on the alerts queue");

        // SQS delivers at least once: an object announced again is not read again.
        var announcedAgain = new JsonObject { ["Records"] = new JsonArray(new JsonObject { ["eventSource"] = "aws:s3", ["eventName"] = "ObjectCreated:Put", ["s3"] = new JsonObject { ["bucket"] = new JsonObject { ["name"] = bucket.Name }, ["object"] = new JsonObject { ["key"] = bucket.Objects[0].Key } } }) };
        await sqs.SendMessageAsync(queue, announcedAgain.ToJsonString());
        var again = Shell.Run("worker", "--rules", RepositoryPaths.Rules, "--queue", queue, "--until-empty", "--state", state);

        Assert.That(again.Out, Is.Empty, again.ToString);
        Assert.That(again.Error, Does.Contain("objects read: 0, already processed: 1"));
    }

    [Test]
    public void TheWorkerTakesRunsFiltersAndAFilterThatSelectsNothingIsAUsageError()
    {
        var result = Shell.Run("worker", "--rules", RepositoryPaths.Rules, "--queue", "https://sqs.us-east-1.amazonaws.com/111122223333/trail-objects", "--tag", "no-such-tag");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
        Assert.That(result.Error, Does.Contain("error DK3009: the filter").And.Contain("no-such-tag"));
    }

    [Test]
    public void AQueueUrlThatIsNotOneIsAUsageError()
    {
        var result = Shell.Run("worker", "--rules", RepositoryPaths.Rules, "--queue", "trail-objects");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("is not a queue URL").And.Contain("aws sqs get-queue-url"));
    }
}
