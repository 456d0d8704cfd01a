using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.Tests.Support;

namespace DetectionKit.Engine.Tests.Delivery;

/// <summary>Alerts sent to a real SQS queue (moto): the alert's JSON, its id as an attribute, and on a FIFO queue its id as the deduplication id.</summary>
public sealed class SendingAlertsToSqs
{
    [Test]
    public async Task EachAlertIsAMessageWithItsIdAsAnAttribute()
    {
        using var sqs = Sqs();
        var queue = (await sqs.CreateQueueAsync("alerts-" + Guid.NewGuid().ToString("N")[..12])).QueueUrl;
        var alert = SomeAlert.For(SomeAlert.At("10:00:00", "e1"));
        await using (var sink = new SqsAlertSink(sqs, queue))
        {
            await sink.WriteAsync(alert);
        }

        var received = (await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queue, MaxNumberOfMessages = 10, MessageAttributeNames = ["All"] })).Messages.Single();

        Assert.That(JsonNode.Parse(received.Body)!["alertId"]!.GetValue<string>(), Is.EqualTo(alert.AlertId));
        Assert.That(received.MessageAttributes["alertId"].StringValue, Is.EqualTo(alert.AlertId));
        Assert.That(received.MessageAttributes["ruleId"].StringValue, Is.EqualTo(alert.RuleId));
    }

    [Test]
    public async Task AFifoQueueTakesAnAlertSentTwiceOnce()
    {
        using var sqs = Sqs();
        var queue = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "alerts-" + Guid.NewGuid().ToString("N")[..12] + ".fifo", Attributes = new() { ["FifoQueue"] = "true" } })).QueueUrl;
        var first = SomeAlert.For(SomeAlert.At("10:00:00", "e1"));
        var second = SomeAlert.For(SomeAlert.At("11:00:00", "e2"));
        await using (var sink = new SqsAlertSink(sqs, queue))
        {
            // The crash gap: an alert sent, the process killed before it was recorded, sent again by the next run.
            await sink.WriteAsync(first);
            await sink.WriteAsync(first);
            await sink.WriteAsync(second);
        }

        var ids = new List<string>();
        for (var i = 0; i < 5 && ids.Count < 3; i++)
        {
            var batch = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queue, MaxNumberOfMessages = 10, WaitTimeSeconds = 1, MessageSystemAttributeNames = ["MessageGroupId"] });
            foreach (var message in batch.Messages ?? [])
            {
                ids.Add(JsonNode.Parse(message.Body)!["alertId"]!.GetValue<string>());
                Assert.That(message.Attributes["MessageGroupId"], Is.EqualTo(first.RuleId));
                await sqs.DeleteMessageAsync(queue, message.ReceiptHandle);
            }
        }

        Assert.That(ids, Is.EqualTo(new[] { first.AlertId, second.AlertId }));
    }

    [Test]
    public void AQueueThatDoesNotExistFailsTheOutputRatherThanOneAlert()
    {
        using var sqs = Sqs();
        var sink = new SqsAlertSink(sqs, $"{Moto.Server.Endpoint}123456789012/no-such-queue");

        var thrown = Assert.ThrowsAsync<QueueDoesNotExistException>(async () => await sink.WriteAsync(SomeAlert.For(SomeAlert.At("10:00:00", "e1"))));

        Assert.That(thrown, Is.Not.InstanceOf<AlertRejectedException>());
    }

    private static AmazonSQSClient Sqs() =>
        new(new BasicAWSCredentials("testing", "testing"), new AmazonSQSConfig { ServiceURL = Moto.Server.Endpoint.ToString(), AuthenticationRegion = "us-east-1" });
}
