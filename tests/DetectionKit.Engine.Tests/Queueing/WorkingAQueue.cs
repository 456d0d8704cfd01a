using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Queueing;
using DetectionKit.Engine.State;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Queueing;

/// <summary>
/// A worker on a real SQS queue (moto) announcing objects of a real bucket, in each shape a trail
/// bucket produces: every object is read once however often it is announced, a message is deleted
/// only once its objects are committed, and what cannot be read stays on the queue until its redrive
/// policy moves it to the dead-letter queue.
/// </summary>
public sealed class WorkingAQueue
{
    private static readonly DateTimeOffset Day = DateTimeOffset.Parse("2024-08-01T00:00:00Z");

    [Test]
    public async Task EachAnnouncedObjectIsReadOnceAndItsMessageDeleted()
    {
        using var bucket = await MotoBucket.CreateAsync(Moto.Server);
        using var sqs = Sqs();
        var queue = await CreateQueueAsync(sqs);
        var keys = new[] { await bucket.PutLogAsync(Day.AddHours(1)), await bucket.PutLogAsync(Day.AddHours(2)), await bucket.PutLogAsync(Day.AddHours(3)) };
        await SendAsync(sqs, queue, S3Event(bucket.Name, keys[0]), CloudTrailViaSns(bucket.Name, keys[1]), EventBridge(bucket.Name, keys[2]), """{"Service":"Amazon S3","Event":"s3:TestEvent","Bucket":"b"}""");
        using var state = SqliteAlertStateStore.InMemory();
        var sink = new CollectingAlertSink();

        var worker = Worker(sqs, bucket, state, sink, queue);
        await worker.RunAsync();

        Assert.That(worker.Problems, Is.Empty);
        Assert.That((worker.Counters.Messages, worker.Counters.Deleted, worker.Counters.ObjectsRead, worker.Counters.Events), Is.EqualTo((4L, 4L, 3L, 3L)));
        Assert.That(sink.Alerts.Select(a => a.EventId).Order(), Is.EqualTo(keys.Order()));
        Assert.That(await CountAsync(sqs, queue), Is.Zero, "every message deleted");

        // SQS delivers at least once: the same notification again is passed over, not read again.
        await SendAsync(sqs, queue, S3Event(bucket.Name, keys[0]));
        var again = Worker(sqs, bucket, state, sink, queue);
        await again.RunAsync();

        Assert.That((again.Counters.AlreadyProcessed, again.Counters.Events, again.Counters.Deleted), Is.EqualTo((1L, 0L, 1L)));
        Assert.That(sink.Alerts, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task WhatCannotBeReadStaysOnTheQueueUntilItsRedrivePolicyMovesItToTheDeadLetterQueue()
    {
        using var bucket = await MotoBucket.CreateAsync(Moto.Server);
        using var sqs = Sqs();
        var deadLetters = await CreateQueueAsync(sqs);
        var queue = await CreateQueueAsync(sqs, deadLetters, maxReceiveCount: 2);
        var good = await bucket.PutLogAsync(Day.AddHours(1));
        var corrupt = $"AWSLogs/{Some.AccountId}/CloudTrail/us-east-1/2024/08/01/{Some.AccountId}_CloudTrail_us-east-1_20240801T0200Z_corrupt1.json.gz";
        await bucket.PutAsync(corrupt, [0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad]);
        await SendAsync(sqs, queue, "this is not a notification", S3Event(bucket.Name, corrupt), S3Event(bucket.Name, good));
        using var state = SqliteAlertStateStore.InMemory();
        var sink = new CollectingAlertSink();

        // A visibility of a second, inside a receive's wait: each failing message comes back to the same run.
        var worker = Worker(sqs, bucket, state, sink, queue, visibility: TimeSpan.FromSeconds(1), waitSeconds: 4);
        await worker.RunAsync();

        Assert.That(sink.Alerts, Has.Count.EqualTo(1), "the good object is read and its message deleted");
        Assert.That(worker.Problems.Select(p => p.Code).Distinct(), Is.EquivalentTo(new[] { DiagnosticCodes.QueueMessageUnreadable, DiagnosticCodes.InputUnreadable }));
        Assert.That(worker.Problems.First(p => p.Code == DiagnosticCodes.QueueMessageUnreadable).Message, Does.Contain("not a JSON object").And.Contain("redrive policy"));
        Assert.That(worker.Counters.Unreadable, Is.EqualTo(2), "received twice, then moved");
        Assert.That(worker.Counters.Retried, Is.EqualTo(2));
        Assert.That(await CountAsync(sqs, queue), Is.Zero);
        Assert.That(await CountAsync(sqs, deadLetters), Is.EqualTo(2), "the malformed message and the one announcing the corrupt object");
    }

    [Test]
    public async Task RecordsAMessageCarriesItselfAreReadWhereTheyAre()
    {
        using var bucket = await MotoBucket.CreateAsync(Moto.Server);
        using var sqs = Sqs();
        var queue = await CreateQueueAsync(sqs);
        var envelopes = Path.Combine(RepositoryPaths.Root, "tests", "DetectionKit.Engine.Tests", "Sources", "Envelopes");
        await SendAsync(sqs, queue, File.ReadAllText(Path.Combine(envelopes, "eventbridge-api-call.json")), File.ReadAllText(Path.Combine(envelopes, "cloudwatch-logs-lambda.json")));
        using var state = SqliteAlertStateStore.InMemory();
        var sink = new CollectingAlertSink();

        var worker = Worker(sqs, bucket, state, sink, queue);
        await worker.RunAsync();

        Assert.That(worker.Problems, Is.Empty);
        Assert.That((worker.Counters.Events, worker.Counters.Deleted), Is.EqualTo((3L, 2L)), "the EventBridge event's record, and the two log events of the CloudWatch Logs payload");
        Assert.That(worker.Counters.Matches, Is.EqualTo(2), "the rule watches StopLogging, which came both ways");
        Assert.That(sink.Alerts.Single().EventId, Is.EqualTo("10163ed2-2253-469d-a5ee-cbc6651f8934"), "one event, however it came: one alert");
        Assert.That(await CountAsync(sqs, queue), Is.Zero);
    }

    [Test]
    public async Task AStopWhileReadingReleasesTheMessageAtOnceAndCommitsNothing()
    {
        using var bucket = await MotoBucket.CreateAsync(Moto.Server);
        using var sqs = Sqs();
        var queue = await CreateQueueAsync(sqs);
        var records = Enumerable.Range(0, 200_000).Select(i => Some.Record(eventId: $"e{i}")).ToArray();
        var key = await bucket.PutLogAsync(Day.AddHours(1), records: records);
        await SendAsync(sqs, queue, S3Event(bucket.Name, key));
        using var state = SqliteAlertStateStore.InMemory();
        using var stop = new CancellationTokenSource();
        var worker = Worker(sqs, bucket, state, new CollectingAlertSink(), queue, visibility: TimeSpan.FromMinutes(5));

        var running = worker.RunAsync(stop: stop.Token);
        // Stop once the message is in hand (hidden from the queue) and its object is being read.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await CountVisibleAsync(sqs, queue) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await running;

        Assert.That(worker.Counters.Deleted, Is.Zero);
        Assert.That(state.IsProcessed(new Checkpoint(QueueWorker.CheckpointScope, $"{bucket.Name}/{key}")), Is.False, "a stopped object is not committed");
        Assert.That(await CountVisibleAsync(sqs, queue), Is.EqualTo(1), "released at once, not after the five-minute visibility timeout");
    }

    [Test]
    public async Task AQueueThatDoesNotExistIsReported()
    {
        using var bucket = await MotoBucket.CreateAsync(Moto.Server);
        using var sqs = Sqs();
        using var state = SqliteAlertStateStore.InMemory();
        var worker = Worker(sqs, bucket, state, new CollectingAlertSink(), $"{Moto.Server.Endpoint}123456789012/no-such-queue");

        var reached = await worker.RunAsync();

        Assert.That(reached, Is.False);
        Assert.That(worker.Problems.Single().Code, Is.EqualTo(DiagnosticCodes.QueueUnreachable));
    }

    [Test]
    public async Task AWorkerLogsItsHealthEachIntervalAndRecordsItselfInTheSharedState()
    {
        using var bucket = await MotoBucket.CreateAsync(Moto.Server);
        using var sqs = Sqs();
        var queue = await CreateQueueAsync(sqs);
        await SendAsync(sqs, queue, S3Event(bucket.Name, await bucket.PutLogAsync(Day.AddHours(1))), S3Event(bucket.Name, await bucket.PutLogAsync(Day.AddHours(2))));
        using var state = SqliteAlertStateStore.InMemory();
        var log = new List<string>();

        var worker = Worker(sqs, bucket, state, new CollectingAlertSink(), queue, workerId: "w-1", healthInterval: TimeSpan.FromMilliseconds(1));
        await worker.RunAsync(log.Add);

        Assert.That(log, Has.Some.Match(@"^worker w-1: healthy; last \d+ s: \d+ objects .*total: 2 objects, 2 events, 2 alerts, 0 errors; lag \d+ s; queue: ~0 waiting, ~0 in flight$"), string.Join("\n", log));
        var recorded = state.Workers(QueueWorker.Scope, DateTimeOffset.UtcNow.AddMinutes(-1)).Single();
        Assert.That((recorded.WorkerId, recorded.RuleSetHash, recorded.Objects, recorded.Events, recorded.Alerts, recorded.Stopped), Is.EqualTo(("w-1", worker.RuleSetHash, 2L, 2L, 2L, true)));
        Assert.That(worker.RuleSetHash, Does.Match("^[0-9a-f]{16}$"));
    }

    [Test]
    public async Task APeerOnTheSameStateRunningOtherRulesIsReportedOnce()
    {
        using var bucket = await MotoBucket.CreateAsync(Moto.Server);
        using var sqs = Sqs();
        var queue = await CreateQueueAsync(sqs);
        await SendAsync(sqs, queue, S3Event(bucket.Name, await bucket.PutLogAsync(Day.AddHours(1))));
        using var state = SqliteAlertStateStore.InMemory();
        var now = DateTimeOffset.UtcNow;
        state.RecordWorker(new WorkerStatus(QueueWorker.Scope, "old-rules", "00000000deadbeef", "0.0.9", now.AddHours(-1), now, 10, 100, 1, false));
        state.RecordWorker(new WorkerStatus(QueueWorker.Scope, "gone", "00000000feedface", "0.0.9", now.AddHours(-1), now.AddHours(-1), 10, 100, 1, false));

        var worker = Worker(sqs, bucket, state, new CollectingAlertSink(), queue, workerId: "w-2", healthInterval: TimeSpan.FromMilliseconds(1));
        var same = Worker(sqs, bucket, state, new CollectingAlertSink(), queue, workerId: "w-3");
        await worker.RunAsync();

        var reported = worker.Problems.Where(p => p.Code == DiagnosticCodes.WorkerRuleSetsDiffer).ToList();
        Assert.That(reported, Has.Count.EqualTo(1), "once, however many beats see it; a worker not seen for three intervals is gone");
        Assert.That(reported[0].IsError, Is.False);
        Assert.That(reported[0].ToString(), Does.Contain("worker old-rules").And.Contain("00000000deadbeef").And.Contain(worker.RuleSetHash));
        Assert.That(worker.Counters.WorkersOnOtherRules, Is.EqualTo(1));
        Assert.That(same.RuleSetHash, Is.EqualTo(worker.RuleSetHash), "the same rules compiled from another folder");
    }

    private static QueueWorker Worker(IAmazonSQS sqs, MotoBucket bucket, IAlertStateStore state, CollectingAlertSink sink, string queue, TimeSpan? visibility = null, int waitSeconds = 1, string? workerId = null, TimeSpan? healthInterval = null)
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesEverything + "string Dedup(CloudTrailEvent e) => e.EventId ?? \"none\";\n");
        return new QueueWorker(
            sqs,
            bucket.Reader.Client,
            new RuleSet(rules.Compile().Rules),
            state,
            [new AlertOutput("out", sink)],
            new QueueWorkerOptions { QueueUrl = queue, UntilEmpty = true, WaitSeconds = waitSeconds, VisibilityTimeout = visibility, Parallelism = 1, WorkerId = workerId, HealthInterval = healthInterval ?? TimeSpan.FromMinutes(1) });
    }

    private static AmazonSQSClient Sqs() =>
        new(new BasicAWSCredentials("testing", "testing"), new AmazonSQSConfig { ServiceURL = Moto.Server.Endpoint.ToString(), AuthenticationRegion = "us-east-1" });

    private static async Task<string> CreateQueueAsync(IAmazonSQS sqs, string? deadLetters = null, int maxReceiveCount = 3)
    {
        var attributes = new Dictionary<string, string>();
        if (deadLetters is not null)
        {
            var arn = (await sqs.GetQueueAttributesAsync(deadLetters, ["QueueArn"])).QueueARN;
            attributes["RedrivePolicy"] = new JsonObject { ["deadLetterTargetArn"] = arn, ["maxReceiveCount"] = maxReceiveCount }.ToJsonString();
        }

        return (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "q-" + Guid.NewGuid().ToString("N")[..12], Attributes = attributes })).QueueUrl;
    }

    private static async Task SendAsync(IAmazonSQS sqs, string queue, params string[] bodies)
    {
        foreach (var body in bodies)
        {
            await sqs.SendMessageAsync(queue, body);
        }
    }

    private static async Task<int> CountAsync(IAmazonSQS sqs, string queue)
    {
        var attributes = await sqs.GetQueueAttributesAsync(queue, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }

    private static async Task<int> CountVisibleAsync(IAmazonSQS sqs, string queue) =>
        (await sqs.GetQueueAttributesAsync(queue, ["ApproximateNumberOfMessages"])).ApproximateNumberOfMessages;

    private static string S3Event(string bucket, string key) =>
        new JsonObject { ["Records"] = new JsonArray(new JsonObject { ["eventVersion"] = "2.1", ["eventSource"] = "aws:s3", ["eventName"] = "ObjectCreated:Put", ["s3"] = new JsonObject { ["bucket"] = new JsonObject { ["name"] = bucket }, ["object"] = new JsonObject { ["key"] = Uri.EscapeDataString(key).Replace("%2F", "/", StringComparison.Ordinal) } } }) }.ToJsonString();

    private static string CloudTrailViaSns(string bucket, string key) =>
        new JsonObject { ["Type"] = "Notification", ["TopicArn"] = "arn:aws:sns:us-east-1:111122223333:trail", ["Message"] = new JsonObject { ["s3Bucket"] = bucket, ["s3ObjectKey"] = new JsonArray(key) }.ToJsonString() }.ToJsonString();

    private static string EventBridge(string bucket, string key) =>
        new JsonObject { ["version"] = "0", ["detail-type"] = "Object Created", ["source"] = "aws.s3", ["detail"] = new JsonObject { ["bucket"] = new JsonObject { ["name"] = bucket }, ["object"] = new JsonObject { ["key"] = key } } }.ToJsonString();
}
