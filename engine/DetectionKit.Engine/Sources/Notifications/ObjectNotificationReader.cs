using System.Net;
using System.Text.Json;

namespace DetectionKit.Engine.Sources.Notifications;

/// <summary>
/// Reads a queue message announcing new objects in a trail bucket, in every shape a trail bucket
/// produces: an S3 event notification (sent to the queue directly, or through SNS, raw or in SNS's
/// envelope), CloudTrail's own SNS notification of a delivered log file, and EventBridge's "Object
/// Created" event. <c>s3:TestEvent</c> and SNS subscription confirmations announce nothing. A message
/// that carries CloudTrail records itself (an EventBridge event of CloudTrail, a CloudWatch Logs
/// subscription payload) is recognised as such, for its records to be read where they are.
/// </summary>
public static class ObjectNotificationReader
{
    /// <summary>Longest message body read: SQS's own limit is 256 KiB (1 MiB since 2025).</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>What <paramref name="body"/>, a message's body as the queue gave it, announces.</summary>
    public static ObjectNotification Read(string body)
    {
        if (body.Length > MaxBodyBytes)
        {
            return ObjectNotification.Unreadable($"the message is {body.Length:N0} characters long, over {MaxBodyBytes:N0}: not a notification");
        }

        if (Parse(body) is not { } document)
        {
            return ObjectNotification.Unreadable($"the message is not a JSON object: {Quote(body)}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (Text(root, "Type") is { } snsType && Text(root, "TopicArn") is { } topic)
            {
                return ReadSns(snsType, topic, root);
            }

            return ReadShape(root, viaSns: false, body);
        }
    }

    private static ObjectNotification ReadSns(string type, string topic, JsonElement envelope)
    {
        if (type == "SubscriptionConfirmation")
        {
            var url = Text(envelope, "SubscribeURL") ?? "(no SubscribeURL)";
            return new ObjectNotification(NotificationShape.SubscriptionConfirmation, true, [], [$"SNS asks to confirm this queue's subscription to {topic}: visit {url} or run aws sns confirm-subscription"], null);
        }

        if (type != "Notification")
        {
            return ObjectNotification.Unreadable($"an SNS message of type '{type}' from {topic}, not a Notification", viaSns: true);
        }

        if (Text(envelope, "Message") is not { } message || Parse(message) is not { } inner)
        {
            return ObjectNotification.Unreadable($"an SNS notification from {topic} whose Message is not a JSON object: {Quote(Text(envelope, "Message") ?? string.Empty)}", viaSns: true);
        }

        using (inner)
        {
            return ReadShape(inner.RootElement, viaSns: true, message);
        }
    }

    private static ObjectNotification ReadShape(JsonElement root, bool viaSns, string text)
    {
        if (CarriesRecords(root))
        {
            var id = Text(root, "detail-type") is not null && Text(root, "id") is { Length: > 0 } eventId
                ? $"eventbridge:{eventId}"
                : $"sha256:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))}";
            return new ObjectNotification(NotificationShape.Records, viaSns, [], [], null) { Records = text, RecordsId = id };
        }

        if (Text(root, "Event") == "s3:TestEvent")
        {
            return new ObjectNotification(NotificationShape.TestEvent, viaSns, [], [$"s3:TestEvent for bucket {Text(root, "Bucket") ?? "?"}: sent when the notification was configured"], null);
        }

        if (root.TryGetProperty("Records"u8, out var records) && records.ValueKind == JsonValueKind.Array)
        {
            return ReadS3Event(records, viaSns);
        }

        if (Text(root, "s3Bucket") is { } bucket && root.TryGetProperty("s3ObjectKey"u8, out var keys))
        {
            return ReadCloudTrail(bucket, keys, viaSns);
        }

        if (Text(root, "detail-type") is { } detailType && Text(root, "source") == "aws.s3")
        {
            return ReadEventBridge(detailType, root, viaSns);
        }

        return ObjectNotification.Unreadable($"not a notification of new objects (an S3 event, CloudTrail's SNS notification or an EventBridge Object Created event): {Quote(root.GetRawText())}", viaSns);
    }

    /// <summary>An EventBridge event of CloudTrail, or a CloudWatch Logs subscription payload (see <see cref="Sources.CloudTrailRecordReader"/>, which opens them).</summary>
    private static bool CarriesRecords(JsonElement root) =>
        (Text(root, "detail-type") is { } detailType && detailType.EndsWith(" via CloudTrail", StringComparison.Ordinal))
        || (Text(root, "messageType") is not null && root.TryGetProperty("logEvents"u8, out _))
        || (root.TryGetProperty("awslogs"u8, out var awslogs) && awslogs.ValueKind == JsonValueKind.Object);

    private static ObjectNotification ReadS3Event(JsonElement records, bool viaSns)
    {
        var objects = new List<AnnouncedObject>();
        var passedOver = new List<string>();
        var index = 0;
        foreach (var record in records.EnumerateArray())
        {
            var name = Text(record, "eventName") ?? "?";
            if (Text(record, "eventSource") != "aws:s3")
            {
                passedOver.Add($"Records[{index}] is not an S3 event (eventSource {Text(record, "eventSource") ?? "missing"})");
            }
            else if (!name.StartsWith("ObjectCreated:", StringComparison.Ordinal))
            {
                passedOver.Add($"Records[{index}] is {name}, not an object created");
            }
            else if (record.TryGetProperty("s3"u8, out var s3)
                && s3.TryGetProperty("bucket"u8, out var bucket) && Text(bucket, "name") is { } bucketName
                && s3.TryGetProperty("object"u8, out var item) && Text(item, "key") is { } encodedKey)
            {
                // S3 event notifications URL-encode the key as a form would: '+' is a space.
                objects.Add(new AnnouncedObject(bucketName, WebUtility.UrlDecode(encodedKey), Number(item, "size"), Text(item, "eTag")));
            }
            else
            {
                return ObjectNotification.Unreadable($"Records[{index}], {name}, has no s3.bucket.name or s3.object.key", viaSns);
            }

            index++;
        }

        return new ObjectNotification(NotificationShape.S3Event, viaSns, objects, passedOver, null);
    }

    private static ObjectNotification ReadCloudTrail(string bucket, JsonElement keys, bool viaSns)
    {
        if (keys.ValueKind != JsonValueKind.Array || keys.EnumerateArray().Any(k => k.ValueKind != JsonValueKind.String))
        {
            return ObjectNotification.Unreadable($"CloudTrail's notification for bucket {bucket} has an s3ObjectKey that is not a list of keys", viaSns);
        }

        // CloudTrail gives the keys as they are, not URL-encoded.
        return new ObjectNotification(NotificationShape.CloudTrail, viaSns, keys.EnumerateArray().Select(k => new AnnouncedObject(bucket, k.GetString()!)).ToList(), [], null);
    }

    private static ObjectNotification ReadEventBridge(string detailType, JsonElement root, bool viaSns)
    {
        if (detailType != "Object Created")
        {
            return new ObjectNotification(NotificationShape.EventBridgeObjectCreated, viaSns, [], [$"an EventBridge event of S3 with detail-type '{detailType}', not Object Created"], null);
        }

        if (root.TryGetProperty("detail"u8, out var detail)
            && detail.TryGetProperty("bucket"u8, out var bucket) && Text(bucket, "name") is { } bucketName
            && detail.TryGetProperty("object"u8, out var item) && Text(item, "key") is { } key)
        {
            // EventBridge gives the key as it is, not URL-encoded.
            return new ObjectNotification(NotificationShape.EventBridgeObjectCreated, viaSns, [new AnnouncedObject(bucketName, key, Number(item, "size"), Text(item, "etag"))], [], null);
        }

        return ObjectNotification.Unreadable("an EventBridge Object Created event without detail.bucket.name or detail.object.key", viaSns);
    }

    private static JsonDocument? Parse(string text)
    {
        try
        {
            var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    private static string Quote(string text) => text.Length <= 120 ? $"'{text}'" : $"'{text[..120]}...'";
}
