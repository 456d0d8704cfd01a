using System.Diagnostics;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Queueing;
using DetectionKit.Engine.State;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Queueing;

/// <summary>
/// A worker on a queue subscribed to a real SNS topic (moto): the trail bucket notifies the topic, and
/// CloudTrail's own delivery notification is published to it, each wrapped by SNS as SNS wraps them, or
/// raw with raw message delivery. The SNS SDK client is not served here, so the topic and its
/// subscriptions are made with awscli, as an operator would make them.
/// </summary>
public sealed class ReadingThroughSns
{
    private static readonly DateTimeOffset Day = DateTimeOffset.Parse("2024-08-01T00:00:00Z");

    [TestCase(false)]
    [TestCase(true)]
    public async Task ObjectsAnnouncedThroughATopicAreEachReadOnce(bool rawDelivery)
    {
        using var bucket = await MotoBucket.CreateAsync(Moto.Server);
        using var sqs = new AmazonSQSClient(new BasicAWSCredentials("testing", "testing"), new AmazonSQSConfig { ServiceURL = Moto.Server.Endpoint.ToString(), AuthenticationRegion = "us-east-1" });
        var queue = (await sqs.CreateQueueAsync("sns-" + Guid.NewGuid().ToString("N")[..12])).QueueUrl;
        var queueArn = (await sqs.GetQueueAttributesAsync(queue, ["QueueArn"])).QueueARN;
        var topic = Aws("sns", "create-topic", "--name", "trail-" + Guid.NewGuid().ToString("N")[..12], "--query", "TopicArn", "--output", "text").Trim();
        Aws("sns", "subscribe", "--topic-arn", topic, "--protocol", "sqs", "--notification-endpoint", queueArn, "--attributes", $"RawMessageDelivery={rawDelivery.ToString().ToLowerInvariant()}");
        using (var s3 = new AmazonS3Client(new BasicAWSCredentials("testing", "testing"), new AmazonS3Config { ServiceURL = Moto.Server.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" }))
        {
            await s3.PutBucketNotificationAsync(new PutBucketNotificationRequest
            {
                BucketName = bucket.Name,
                TopicConfigurations = [new TopicConfiguration { Topic = topic, Events = [EventType.ObjectCreatedAll] }],
            });
        }

        // S3 notifies the topic of each object (and of the notification's set-up with an s3:TestEvent);
        // CloudTrail's own notification of a delivered file is published to the topic as CloudTrail does.
        var notifiedByS3 = new[] { await bucket.PutLogAsync(Day.AddHours(1)), await bucket.PutLogAsync(Day.AddHours(2)) };
        var notifiedByCloudTrail = await bucket.PutLogAsync(Day.AddHours(3), account: "222222222222");
        Aws("sns", "publish", "--topic-arn", topic, "--message", new JsonObject { ["s3Bucket"] = bucket.Name, ["s3ObjectKey"] = new JsonArray(notifiedByCloudTrail) }.ToJsonString());
        using var state = SqliteAlertStateStore.InMemory();
        var sink = new CollectingAlertSink();
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesEverything + "string Dedup(CloudTrailEvent e) => e.EventId ?? \"none\";\n");

        var worker = new QueueWorker(sqs, bucket.Reader.Client, new RuleSet(rules.Compile().Rules), state, [new AlertOutput("out", sink)], new QueueWorkerOptions { QueueUrl = queue, UntilEmpty = true, WaitSeconds = 1, Parallelism = 1 });
        var log = new List<string>();
        await worker.RunAsync(log.Add);

        Assert.That(worker.Problems, Is.Empty, string.Join("\n", log));

        // The third object reached the topic twice (S3's notification and CloudTrail's): it is read once,
        // whether both messages come in one batch or in two.
        Assert.That(sink.Alerts.Select(a => a.EventId).Order(), Is.EqualTo(notifiedByS3.Append(notifiedByCloudTrail).Order()));
        Assert.That((worker.Counters.ObjectsRead, worker.Counters.Events, worker.Counters.Deleted), Is.EqualTo((3L, 3L, 5L)), "3 objects, 5 messages (the test event among them)");
        Assert.That(log, Has.Some.Contain("s3:TestEvent"));
        var left = await sqs.GetQueueAttributesAsync(queue, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        Assert.That(left.ApproximateNumberOfMessages + left.ApproximateNumberOfMessagesNotVisible, Is.Zero, "every message deleted");
    }

    /// <summary>Runs awscli against the moto server; fails the test with its error output when it fails.</summary>
    private static string Aws(params string[] args)
    {
        var start = new ProcessStartInfo("aws", ["--endpoint-url", Moto.Server.Endpoint.ToString().TrimEnd('/'), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in Moto.Server.Environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("awscli did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"aws {string.Join(' ', args)}: {error}");
        return output.Result;
    }
}
