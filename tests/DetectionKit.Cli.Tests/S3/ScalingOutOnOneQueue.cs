using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using DetectionKit.Cli.Tests.Support;

namespace DetectionKit.Cli.Tests.S3;

/// <summary>
/// Three <c>detectionkit worker</c> processes on one queue that a real bucket notification feeds, sharing
/// one DynamoDB state (moto), with messages delivered twice and one worker killed mid-batch: every expected
/// alert reaches the alerts queue, and nothing twice except the documented crash gap, with the same alertId.
/// </summary>
public sealed class ScalingOutOnOneQueue
{
    private const int Objects = 240;
    private const int AnnouncedTwice = 40;
    private static readonly string[] Accounts = ["111111111111", "222222222222", "333333333333"];

    [Test]
    [CancelAfter(300_000)]
    public async Task ThreeWorkersWithDuplicatedMessagesAndOneKilledRaiseEveryAlertOnce()
    {
        using var bucket = await TrailBucket.CreateAsync();
        using var workspace = new RulesWorkspace();
        AddRules(workspace);
        var table = "dk-" + Guid.NewGuid().ToString("N")[..10];
        var init = Shell.Run("init", "--state", $"dynamodb://{table}");
        Assert.That(init.ExitCode, Is.Zero, init.ToString);

        using var sqs = new AmazonSQSClient();
        var deadLetters = (await sqs.CreateQueueAsync("dlq-" + Guid.NewGuid().ToString("N")[..12])).QueueUrl;
        var deadLettersArn = (await sqs.GetQueueAttributesAsync(deadLetters, ["QueueArn"])).QueueARN;
        var queue = (await sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = "trail-" + Guid.NewGuid().ToString("N")[..12],
            Attributes = new()
            {
                // Short, so the killed worker's messages come back to the others within the test.
                ["VisibilityTimeout"] = "6",
                ["RedrivePolicy"] = new JsonObject { ["deadLetterTargetArn"] = deadLettersArn, ["maxReceiveCount"] = 5 }.ToJsonString(),
            },
        })).QueueUrl;
        var alerts = (await sqs.CreateQueueAsync("alerts-" + Guid.NewGuid().ToString("N")[..12])).QueueUrl;
        using (var s3 = new AmazonS3Client(new AmazonS3Config { ServiceURL = MotoFixture.Server.Endpoint.ToString(), ForcePathStyle = true }))
        {
            await s3.PutBucketNotificationAsync(new PutBucketNotificationRequest
            {
                BucketName = bucket.Name,
                QueueConfigurations = [new QueueConfiguration { Queue = (await sqs.GetQueueAttributesAsync(queue, ["QueueArn"])).QueueARN, Events = [EventType.ObjectCreatedAll] }],
            });
        }

        // One StopLogging per object, all within one hour: one alert per event (dedup by event id), and
        // one per account (dedup by account) that the workers race to open.
        var start = DateTimeOffset.UtcNow.AddHours(-2).Date.AddHours(DateTimeOffset.UtcNow.AddHours(-2).Hour);
        var expected = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Objects; i++)
        {
            var account = Accounts[i % Accounts.Length];
            var records = ScheduleWorkspace.Stops(new DateTimeOffset(start, TimeSpan.Zero).AddSeconds(i * 10), 1, account);
            await bucket.PutLogAsync(records, account, "us-east-1", new DateTimeOffset(start, TimeSpan.Zero).AddSeconds((i * 10) + 300));
            expected.Add($"test.stop-each|{records[0]!["eventID"]}");
        }

        expected.UnionWith(Accounts.Select(a => $"test.stop-account|{a}"));

        // SQS delivers at least once: some objects are announced a second time.
        foreach (var (key, _) in bucket.Objects.Take(AnnouncedTwice))
        {
            await sqs.SendMessageAsync(queue, S3Event(bucket.Name, key));
        }

        // The workers' DynamoDB requests reach moto one at a time (see OneRequestAtATimeProxy); S3 and SQS go straight to it.
        using var dynamoDb = new OneRequestAtATimeProxy(MotoFixture.Server.Endpoint);
        var workers = Enumerable.Range(0, 3).Select(i => StartWorker(workspace.Rules, queue, table, alerts, i, dynamoDb.Endpoint)).ToList();
        try
        {
            // The first worker is killed once the fleet has sent a few dozen alerts: it is in the middle of a batch.
            await WaitUntilAsync(async () => await CountAsync(sqs, alerts) >= 30 || workers[0].Process.HasExited, TimeSpan.FromSeconds(120));
            Assert.That(workers[0].Process.HasExited, Is.False, "the first worker should still be running when it is killed:\n" + workers[0].Error);
            workers[0].Process.Kill();
            await workers[0].Process.WaitForExitAsync();

            // The others take the killed worker's messages back after their visibility timeout, and its claimed
            // alerts after the claim runs out; they stop when every alert is on the alerts queue.
            await WaitUntilAsync(async () => await CountAsync(sqs, queue) == 0 && await CountAsync(sqs, alerts) >= expected.Count, TimeSpan.FromSeconds(180));
            await Task.Delay(TimeSpan.FromSeconds(8));
        }
        finally
        {
            foreach (var worker in workers.Where(w => !w.Process.HasExited))
            {
                using var term = Process.Start("kill", ["-TERM", worker.Process.Id.ToString(CultureInfo.InvariantCulture)])!;
                await term.WaitForExitAsync();
            }

            foreach (var worker in workers)
            {
                await worker.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            }
        }

        var diagnostics = string.Join("\n---\n", workers.Select(w => w.Error.ToString()));
        foreach (var worker in workers.Skip(1))
        {
            Assert.That(worker.Process.ExitCode, Is.Zero, diagnostics);
            Assert.That(worker.Error.ToString(), Does.Contain(": healthy; last ").And.Contain("workers on this state: "), diagnostics);
        }

        var sent = await DrainAsync(sqs, alerts);
        var byId = sent.GroupBy(a => a["alertId"]!.GetValue<string>()).ToList();
        var raised = byId.Select(g => $"{g.First()["ruleId"]}|{g.First()["dedupKey"]}").ToHashSet(StringComparer.Ordinal);
        Assert.That(raised, Is.EquivalentTo(expected), diagnostics);
        Assert.That(byId, Has.Count.EqualTo(expected.Count), "one alertId per alert");

        // The crash gap: the killed worker may have sent the alert it had claimed without recording it; it
        // sends one alert at a time, so at most one alert is repeated, with the same alertId.
        var repeated = byId.Where(g => g.Count() > 1).ToList();
        Assert.That(repeated, Has.Count.LessThanOrEqualTo(1), string.Join(", ", repeated.Select(g => $"{g.Key} x{g.Count()}")));
        Assert.That(repeated.All(g => g.Count() == 2), Is.True);
        Assert.That(await CountAsync(sqs, deadLetters), Is.Zero, "no message failed");
    }

    private static void AddRules(RulesWorkspace workspace)
    {
        foreach (var (name, dedup) in new[] { ("each", "e.EventId ?? \"none\""), ("account", "e.RecipientAccountId ?? \"none\"") })
        {
            workspace.AddRule($"aws/stop-{name}", $$"""
                id: test.stop-{{name}}
                title: Trail stopped
                severity: high
                match: { eventSource: cloudtrail.amazonaws.com, eventName: StopLogging }
                tests:
                  - { name: yes, expect: true, event: { eventSource: cloudtrail.amazonaws.com, eventName: StopLogging } }
                  - { name: no, expect: false, event: { eventSource: cloudtrail.amazonaws.com, eventName: StopLogging, errorCode: AccessDenied } }
                """, $"bool Rule(CloudTrailEvent e) => e.IsSuccess;\nstring Dedup(CloudTrailEvent e) => {dedup};\n");
        }
    }

    private static (Process Process, StringBuilder Error) StartWorker(string rules, string queue, string table, string alerts, int index, Uri dynamoDb)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "detectionkit.dll");
        var start = new ProcessStartInfo("dotnet", [cli, "worker", "--rules", rules, "--queue", queue, "--state", $"dynamodb://{table}", "--alerts-queue", alerts, "--health-interval", "1", "--delivery-claim", "5", "--parallelism", "2"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in MotoFixture.Server.Environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["AWS_ENDPOINT_URL_DYNAMODB"] = dynamoDb.ToString().TrimEnd('/');
        var error = new StringBuilder($"worker {index}:\n");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            lock (error)
            {
                error.AppendLine(line.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, error);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"not reached within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(250);
        }
    }

    private static async Task<int> CountAsync(IAmazonSQS sqs, string queue)
    {
        var attributes = await sqs.GetQueueAttributesAsync(queue, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }

    private static async Task<List<JsonObject>> DrainAsync(IAmazonSQS sqs, string queue)
    {
        var bodies = new List<JsonObject>();
        for (var empty = 0; empty < 3;)
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queue, MaxNumberOfMessages = 10, WaitTimeSeconds = 1, VisibilityTimeout = 600 });
            if (received.Messages is not { Count: > 0 } messages)
            {
                empty++;
                continue;
            }

            bodies.AddRange(messages.Select(m => JsonNode.Parse(m.Body)!.AsObject()));
        }

        return bodies;
    }

    private static string S3Event(string bucket, string key) =>
        new JsonObject { ["Records"] = new JsonArray(new JsonObject { ["eventVersion"] = "2.1", ["eventSource"] = "aws:s3", ["eventName"] = "ObjectCreated:Put", ["s3"] = new JsonObject { ["bucket"] = new JsonObject { ["name"] = bucket }, ["object"] = new JsonObject { ["key"] = key } } }) }.ToJsonString();
}
