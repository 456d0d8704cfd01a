using System.Text.Json.Nodes;
using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Rules;
using DetectionKit.Engine.Sinks;
using DetectionKit.Engine.Tests.Support;

namespace DetectionKit.Engine.Tests.Sinks;

public sealed class WritingAlertsAsJsonLines
{
    [Test]
    public async Task EachAlertIsOneLineOfJson()
    {
        var writer = new StringWriter();
        var e = Some.Event(Some.Record());
        var detection = new Detection("rule", "Trail <prod> stopped", "key", Severity.High, new JsonObject { ["actor"] = "alice" }, e.EventId, e.EventTime);

        await using (var sink = new JsonLinesAlertSink(writer))
        {
            await sink.WriteAsync(Alert.From(detection, e));
            await sink.WriteAsync(Alert.From(detection with { Context = null, EventTime = null }, e));
        }

        var lines = writer.ToString().Split('\n');
        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That(lines[2], Is.Empty, "the last line ends with a newline");
        Assert.That(lines[0], Is.EqualTo(
            "{\"ruleId\":\"rule\",\"title\":\"Trail <prod> stopped\",\"severity\":\"high\",\"dedupKey\":\"key\","
            + "\"eventId\":\"00000000-0000-4000-8000-000000000001\",\"eventTime\":\"2024-07-31T13:06:24Z\","
            + "\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":\"StopLogging\",\"recipientAccountId\":\"111122223333\","
            + "\"awsRegion\":\"us-east-1\",\"context\":{\"actor\":\"alice\"}}"));
        Assert.That(JsonNode.Parse(lines[1])!["eventTime"], Is.Null);
    }

    [Test]
    public async Task AFileSinkWritesTheFile()
    {
        using var folder = new TempRulesDirectory();
        var path = folder.PathOf("alerts.jsonl");
        var e = Some.Event(Some.Record());

        await using (var sink = JsonLinesAlertSink.ToFile(path))
        {
            await sink.WriteAsync(Alert.From(new Detection("rule", "t", "k", Severity.Low, null, e.EventId, e.EventTime), e));
        }

        Assert.That(File.ReadAllLines(path).Single(), Does.StartWith("{\"ruleId\":\"rule\""));
    }
}
