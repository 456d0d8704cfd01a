using System.IO.Compression;
using System.Text.Json;

namespace DetectionKit.Engine.Sources;

/// <summary>
/// The envelopes CloudTrail events arrive in besides S3's <c>{"Records":[...]}</c>, opened to the
/// records inside, so that a rule sees the same event whichever way it came:
/// <list type="bullet">
/// <item>an EventBridge event (<c>detail-type</c> "AWS API Call via CloudTrail", "AWS Console Sign In via
/// CloudTrail", "AWS Service Event via CloudTrail", "AWS Insight via CloudTrail", ...): the record is its <c>detail</c>;</item>
/// <item>a CloudWatch Logs subscription payload (<c>messageType</c> <c>DATA_MESSAGE</c>, as a subscription to
/// Firehose or Kinesis writes it): each <c>logEvents[].message</c> is a record as JSON text; a
/// <c>CONTROL_MESSAGE</c> holds none;</item>
/// <item>the same payload as a Lambda subscription receives it: <c>{"awslogs":{"data":"..."}}</c>,
/// base64 of its gzip.</item>
/// </list>
/// An EventBridge event of another kind (an EC2 state change, say) is not opened: it is read as a
/// value of its own and reported as not CloudTrail.
/// </summary>
internal static class RecordEnvelope
{
    /// <summary>What every EventBridge detail-type of a CloudTrail event ends with.</summary>
    private const string CloudTrailDetailType = " via CloudTrail";

    /// <summary>Opens <paramref name="value"/> when it is an envelope; null when it is not (it is a record, or something else, as it stands).</summary>
    /// <param name="value">A top-level value: S3's Records list never holds envelopes, and is not asked.</param>
    /// <param name="limits">The record limit also bounds a decoded payload.</param>
    public static EnvelopeContents? Open(JsonElement value, ReadLimits limits)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (value.TryGetProperty("detail-type"u8, out var detailType) && detailType.ValueKind == JsonValueKind.String)
        {
            return OpenEventBridge(detailType.GetString()!, value);
        }

        if (value.TryGetProperty("messageType"u8, out var messageType) && messageType.ValueKind == JsonValueKind.String && value.TryGetProperty("logEvents"u8, out _))
        {
            return OpenLogs(messageType.GetString()!, value);
        }

        if (value.TryGetProperty("awslogs"u8, out var awslogs) && awslogs.ValueKind == JsonValueKind.Object && awslogs.TryGetProperty("data"u8, out var data))
        {
            return OpenLambdaLogs(data, limits);
        }

        return null;
    }

    private static EnvelopeContents? OpenEventBridge(string detailType, JsonElement value)
    {
        if (!detailType.EndsWith(CloudTrailDetailType, StringComparison.Ordinal))
        {
            return null;
        }

        if (!value.TryGetProperty("detail"u8, out var detail) || detail.ValueKind != JsonValueKind.Object)
        {
            return EnvelopeContents.Failed($"an EventBridge event of detail-type '{detailType}' without a detail object: it holds no record");
        }

        return EnvelopeContents.Of([Copy(detail)], []);
    }

    private static EnvelopeContents OpenLogs(string messageType, JsonElement value)
    {
        if (messageType == "CONTROL_MESSAGE")
        {
            // CloudWatch Logs checks that the destination is reachable with these; no log event in them.
            return EnvelopeContents.Of([], []);
        }

        var group = value.TryGetProperty("logGroup"u8, out var g) && g.ValueKind == JsonValueKind.String ? $" of log group {g.GetString()}" : string.Empty;
        if (messageType != "DATA_MESSAGE")
        {
            return EnvelopeContents.Failed($"a CloudWatch Logs payload{group} of messageType '{messageType}', not DATA_MESSAGE or CONTROL_MESSAGE");
        }

        if (value.GetProperty("logEvents"u8) is not { ValueKind: JsonValueKind.Array } logEvents)
        {
            return EnvelopeContents.Failed($"a CloudWatch Logs payload{group} whose logEvents is not a list");
        }

        var records = new List<JsonDocument>();
        var problems = new List<string>();
        var index = 0;
        foreach (var logEvent in logEvents.EnumerateArray())
        {
            if (Message(logEvent) is not { } message)
            {
                problems.Add($"logEvents[{index}]{group} has no message text; skipped");
            }
            else if (Parse(message) is { } record)
            {
                records.Add(record);
            }
            else
            {
                problems.Add($"logEvents[{index}]{group}: its message is not a JSON object (a CloudTrail record); skipped");
            }

            index++;
        }

        return EnvelopeContents.Of(records, problems);
    }

    private static EnvelopeContents OpenLambdaLogs(JsonElement data, ReadLimits limits)
    {
        if (data.ValueKind != JsonValueKind.String || !data.TryGetBytesFromBase64(out var compressed))
        {
            return EnvelopeContents.Failed("awslogs.data is not base64 text: a CloudWatch Logs payload as Lambda receives it is base64 of its gzip");
        }

        byte[] payload;
        try
        {
            payload = Gunzip(compressed, limits.MaxRecordBytes);
        }
        catch (InvalidDataException ex)
        {
            return EnvelopeContents.Failed($"awslogs.data is not gzip: {ex.Message}");
        }

        if (payload.Length > limits.MaxRecordBytes)
        {
            return EnvelopeContents.Failed($"awslogs.data expands past {limits.MaxRecordBytes / (1024 * 1024)} MiB (the largest record read); skipped");
        }

        using var document = Parse(payload);
        if (document is null
            || !document.RootElement.TryGetProperty("messageType"u8, out var messageType) || messageType.ValueKind != JsonValueKind.String
            || !document.RootElement.TryGetProperty("logEvents"u8, out _))
        {
            return EnvelopeContents.Failed("awslogs.data does not hold a CloudWatch Logs payload ({\"messageType\":...,\"logEvents\":[...]})");
        }

        return OpenLogs(messageType.GetString()!, document.RootElement);
    }

    private static string? Message(JsonElement logEvent) =>
        logEvent.ValueKind == JsonValueKind.Object && logEvent.TryGetProperty("message"u8, out var message) && message.ValueKind == JsonValueKind.String
            ? message.GetString()
            : null;

    /// <summary>The decompressed bytes, at most one past <paramref name="limit"/>.</summary>
    private static byte[] Gunzip(byte[] compressed, int limit)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = gzip.Read(chunk, 0, chunk.Length)) > 0)
        {
            output.Write(chunk, 0, read);
            if (output.Length > limit)
            {
                break;
            }
        }

        return output.ToArray();
    }

    private static JsonDocument Copy(JsonElement element) => JsonDocument.Parse(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element).ToArray());

    private static JsonDocument? Parse(string text) => Parse(System.Text.Encoding.UTF8.GetBytes(text));

    private static JsonDocument? Parse(byte[] utf8)
    {
        try
        {
            var document = JsonDocument.Parse(utf8);
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
}
