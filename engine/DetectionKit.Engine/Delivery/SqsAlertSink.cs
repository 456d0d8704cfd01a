using Amazon.SQS;
using Amazon.SQS.Model;
using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Engine.Delivery;

/// <summary>
/// Sends each alert as JSON to an SQS queue, for a SOAR, a Lambda or another worker downstream. The
/// message carries the <c>alertId</c> as a message attribute; on a FIFO queue (a URL ending
/// <c>.fifo</c>) it is also the deduplication id, so an alert sent twice within SQS's five-minute
/// deduplication interval (the crash gap between sending and recording it) reaches the queue once,
/// and the rule's id is the message group, so each rule's alerts stay in order. An alert counts as
/// delivered once SQS accepted it. SQS refusing this one alert (too large, say) is a rejection: it
/// stays pending and the next alert goes on; a queue that cannot be reached or used ends the output's
/// run, and its alerts wait for the next one. The SDK retries throttling and 5xx itself.
/// </summary>
public sealed class SqsAlertSink : IAlertSink
{
    private readonly IAmazonSQS client;
    private readonly string queueUrl;
    private readonly bool ownsClient;
    private readonly bool fifo;

    /// <param name="client">The SQS client.</param>
    /// <param name="queueUrl">The queue's URL.</param>
    /// <param name="ownsClient">Dispose the client with the sink.</param>
    public SqsAlertSink(IAmazonSQS client, string queueUrl, bool ownsClient = false)
    {
        this.client = client;
        this.queueUrl = queueUrl;
        this.ownsClient = ownsClient;
        fifo = queueUrl.EndsWith(".fifo", StringComparison.Ordinal);
    }

    public async ValueTask WriteAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        var request = new SendMessageRequest
        {
            QueueUrl = queueUrl,
            MessageBody = AlertJson.ToJson(alert).ToJsonString(),
            MessageAttributes = new Dictionary<string, MessageAttributeValue>
            {
                ["alertId"] = new() { DataType = "String", StringValue = alert.AlertId },
                ["ruleId"] = new() { DataType = "String", StringValue = alert.RuleId },
                ["severity"] = new() { DataType = "String", StringValue = alert.Severity.ToName() },
            },
        };
        if (fifo)
        {
            request.MessageGroupId = alert.RuleId;
            request.MessageDeduplicationId = alert.AlertId;
        }

        try
        {
            await client.SendMessageAsync(request, cancellationToken);
        }
        catch (AmazonSQSException ex) when (ex.ErrorCode is "InvalidParameterValue" or "InvalidMessageContents" or "UnsupportedOperation")
        {
            throw new AlertRejectedException($"SQS refused the message: {ex.ErrorCode}: {ex.Message}", ex);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (ownsClient)
        {
            client.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
