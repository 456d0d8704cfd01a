using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Sources;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Sources;

/// <summary>
/// CloudTrail events that come through EventBridge or a CloudWatch Logs subscription decode to the
/// very record S3 delivers: the samples in Envelopes/ wrap two real records of the bundled
/// captures the way each path writes them, and each must read back as those records, byte for byte
/// in meaning, so no rule can tell how an event arrived.
/// </summary>
public sealed class OpeningEnvelopes
{
    private static readonly string Samples = Path.Combine(RepositoryPaths.Root, "tests", "DetectionKit.Engine.Tests", "Sources", "Envelopes");

    private static JsonElement StopLogging => Capture("aws.defense-evasion.cloudtrail-stop.json", "StopLogging");

    private static JsonElement ConsoleLogin => Capture("aws.initial-access.console-login-without-mfa.json", "ConsoleLogin");

    [Test]
    public void AnEventBridgeEventIsItsDetail()
    {
        var read = Read("eventbridge-api-call.json");

        Assert.That(read.Problems, Is.Empty);
        AssertSameRecords(read.Records, [StopLogging]);
    }

    [Test]
    public void EventBridgeEventsBackToBackAsFirehoseWritesThemAreEachRead()
    {
        var read = Read("eventbridge-firehose.json");

        // The EC2 state change is not CloudTrail: it is read as it stands, and the record check says so.
        Assert.That(read.Problems, Is.Empty);
        Assert.That(read.Records, Has.Count.EqualTo(3));
        AssertSameRecords([read.Records[0], read.Records[2]], [StopLogging, ConsoleLogin]);
        Assert.That(read.Records[1].GetProperty("detail-type").GetString(), Is.EqualTo("EC2 Instance State-change Notification"));
    }

    [Test]
    public void ACloudWatchLogsSubscriptionAsFirehoseWritesItIsOneRecordPerLogEvent()
    {
        // Gzipped, a control message and then a data message, back to back.
        var read = Read("cloudwatch-logs-firehose.json.gz");

        Assert.That(read.Problems, Is.Empty);
        AssertSameRecords(read.Records, [StopLogging, ConsoleLogin]);
    }

    [Test]
    public void ACloudWatchLogsSubscriptionAsLambdaReceivesItIsDecoded()
    {
        var read = Read("cloudwatch-logs-lambda.json");

        Assert.That(read.Problems, Is.Empty);
        AssertSameRecords(read.Records, [StopLogging, ConsoleLogin]);
    }

    [Test]
    public void AControlMessageHoldsNoRecordAndIsNoProblem()
    {
        var read = ReadText("""{"messageType":"CONTROL_MESSAGE","owner":"CloudwatchLogs","logGroup":"","logStream":"","subscriptionFilters":[],"logEvents":[{"id":"","timestamp":1722431184000,"message":"CWL CONTROL MESSAGE: Checking health of destination Firehose."}]}""");

        Assert.That(read.Records, Is.Empty);
        Assert.That(read.Problems, Is.Empty);
    }

    [Test]
    public void ALogEventThatIsNotARecordIsReportedAndTheOthersRead()
    {
        var payload = Logs(StopLogging.GetRawText(), "START RequestId: 8d1e not json", "[1,2]", StopLogging.GetRawText());

        var read = ReadText(payload);

        Assert.That(read.Records, Has.Count.EqualTo(2));
        Assert.That(read.Problems.Select(p => (p.Code, p.Location.Line, p.Location.Column)), Is.EqualTo(new[] { (DiagnosticCodes.EnvelopeUnreadable, 1, 1), (DiagnosticCodes.EnvelopeUnreadable, 1, 1) }));
        Assert.That(read.Problems[0].Message, Does.Contain("logEvents[1] of log group trail-group").And.Contain("not a JSON object"));
        Assert.That(read.Problems[1].Message, Does.Contain("logEvents[2]"));
    }

    [TestCase("not base64!", "not base64")]
    [TestCase("bm90IGd6aXA=", "not gzip")]
    public void ALambdaPayloadThatCannotBeDecodedIsReported(string data, string reason)
    {
        var read = ReadText("{\"awslogs\":{\"data\":\"" + data + "\"}}");

        Assert.That(read.Records, Is.Empty);
        Assert.That(read.Problems.Single().Code, Is.EqualTo(DiagnosticCodes.EnvelopeUnreadable));
        Assert.That(read.Problems.Single().Message, Does.Contain(reason));
    }

    [Test]
    public void ALambdaPayloadThatExpandsPastTheRecordLimitIsNotHeld()
    {
        var bomb = Convert.ToBase64String(Gzip(Encoding.UTF8.GetBytes(Logs(new string(' ', 300_000) + StopLogging.GetRawText()))));

        var read = ReadText("{\"awslogs\":{\"data\":\"" + bomb + "\"}}", new ReadLimits { MaxRecordBytes = 64 * 1024 });

        Assert.That(read.Records, Is.Empty);
        Assert.That(read.Problems.Single().Message, Does.Contain("expands past"));
    }

    [Test]
    public void RecordsInsideS3sWrapperAreNeverTakenForEnvelopes()
    {
        // A record that happens to carry an envelope's key is still a record when S3 delivered it.
        var odd = """{"eventSource":"events.amazonaws.com","eventName":"PutEvents","eventTime":"2024-08-05T10:00:00Z","detail-type":"AWS API Call via CloudTrail","detail":{"eventName":"Other"}}""";

        var read = ReadText($$"""{"Records":[{{odd}}]}""");

        Assert.That(read.Records.Single().GetProperty("eventName").GetString(), Is.EqualTo("PutEvents"));
    }

    private static void AssertSameRecords(IReadOnlyList<JsonElement> read, IReadOnlyList<JsonElement> expected)
    {
        Assert.That(read, Has.Count.EqualTo(expected.Count));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.That(JsonElement.DeepEquals(read[i], expected[i]), Is.True, () => $"record {i} differs:\n{read[i]}\n{expected[i]}");
        }
    }

    private static string Logs(params string[] messages)
    {
        var events = new JsonArray(messages.Select((m, i) => (JsonNode)new JsonObject { ["id"] = $"{i}", ["timestamp"] = 1722431184000, ["message"] = m }).ToArray());
        return new JsonObject { ["messageType"] = "DATA_MESSAGE", ["owner"] = "143434273843", ["logGroup"] = "trail-group", ["logStream"] = "s", ["subscriptionFilters"] = new JsonArray("f"), ["logEvents"] = events }.ToJsonString();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static JsonElement Capture(string file, string eventName)
    {
        var read = CloudTrailJsonReader.ReadAll(file, File.OpenRead(Path.Combine(RepositoryPaths.Fixtures, "stratus-red-team", file)));
        return read.Records.First(r => r.GetProperty("eventName").GetString() == eventName);
    }

    private static RecordsRead Read(string sample) => CloudTrailJsonReader.ReadAll(sample, File.OpenRead(Path.Combine(Samples, sample)));

    private static RecordsRead ReadText(string text, ReadLimits? limits = null) => CloudTrailJsonReader.ReadAll("envelope.json", Encoding.UTF8.GetBytes(text), limits);
}
