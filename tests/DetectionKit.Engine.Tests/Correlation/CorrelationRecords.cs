using System.Text;
using System.Text.Json.Nodes;
using DetectionKit.Engine.Sources;

namespace DetectionKit.Engine.Tests.Correlation;

/// <summary>CloudTrail records and inputs for correlation tests: one principal's calls, minutes apart.</summary>
internal static class CorrelationRecords
{
    public static readonly DateTimeOffset Start = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);

    public static JsonObject Call(string id, int minute, string eventName, string? errorCode = null, string user = "alice", string source = "iam.amazonaws.com")
    {
        var record = new JsonObject
        {
            ["eventVersion"] = "1.08",
            ["eventID"] = id,
            ["eventTime"] = (Start + TimeSpan.FromMinutes(minute)).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["eventSource"] = source,
            ["eventName"] = eventName,
            ["awsRegion"] = "us-east-1",
            ["recipientAccountId"] = "111122223333",
            ["sourceIPAddress"] = "203.0.113.9",
            ["userIdentity"] = new JsonObject { ["type"] = "IAMUser", ["arn"] = $"arn:aws:iam::111122223333:user/{user}", ["userName"] = user },
        };
        if (errorCode is not null)
        {
            record["errorCode"] = errorCode;
        }

        return record;
    }

    public static string Records(params JsonObject[] records) =>
        new JsonObject { ["Records"] = new JsonArray([.. records]) }.ToJsonString();

    /// <summary>A source of the given inputs, in the order given, each one object.</summary>
    public static IEventSource Inputs(params string[] inputs) => new InputsSource(inputs);

    private sealed class InputsSource(string[] inputs) : IEventSource
    {
        public async IAsyncEnumerable<EventBatch> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            for (var i = 0; i < inputs.Length; i++)
            {
                var bytes = Encoding.UTF8.GetBytes(inputs[i]);
                yield return EventBatch.Open($"input-{i + 1}.json", () => new MemoryStream(bytes));
            }
        }
    }
}
