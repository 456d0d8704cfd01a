using System.Text.Json.Nodes;
using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Delivery;

public sealed class WritingAlertsAsJsonLines
{
    [Test]
    public async Task EachAlertIsOneLineOfJson()
    {
        var writer = new StringWriter();
        var alert = SomeAlert.For(Some.Record(), title: "Trail <prod> stopped", context: new JsonObject { ["actor"] = "alice" });

        await using (var sink = new JsonLinesAlertSink(writer))
        {
            await sink.WriteAsync(alert);
            await sink.WriteAsync(alert with { Context = null, EventTime = null });
        }

        var lines = writer.ToString().Split('\n');
        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That(lines[2], Is.Empty, "the last line ends with a newline");
        Assert.That(lines[0], Is.EqualTo(
            "{\"alertId\":\"" + alert.AlertId + "\",\"ruleId\":\"rule\",\"title\":\"Trail <prod> stopped\",\"severity\":\"high\",\"dedupKey\":\"key\","
            + "\"eventCount\":1,\"firstEventTime\":\"2024-07-31T13:06:24Z\",\"lastEventTime\":\"2024-07-31T13:06:24Z\","
            + "\"windowStart\":\"2024-07-31T13:00:00Z\",\"windowEnd\":\"2024-07-31T14:00:00Z\",\"threshold\":1,"
            + "\"eventId\":\"00000000-0000-4000-8000-000000000001\",\"eventTime\":\"2024-07-31T13:06:24Z\","
            + "\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":\"StopLogging\",\"recipientAccountId\":\"111122223333\","
            + "\"awsRegion\":\"us-east-1\",\"eventIds\":[\"00000000-0000-4000-8000-000000000001\"],\"context\":{\"actor\":\"alice\"}}"));
        Assert.That(JsonNode.Parse(lines[1])!["eventTime"], Is.Null);
    }

    [Test]
    public async Task AFileSinkWritesTheFileAndCanAppend()
    {
        using var folder = new TempRulesDirectory();
        var path = folder.PathOf("out/alerts.jsonl");

        await using (var sink = JsonLinesAlertSink.ToFile(path))
        {
            await sink.WriteAsync(SomeAlert.For(Some.Record()));
        }

        await using (var sink = JsonLinesAlertSink.ToFile(path, append: true))
        {
            await sink.WriteAsync(SomeAlert.For(Some.Record()));
        }

        Assert.That(File.ReadAllLines(path), Has.Length.EqualTo(2).And.All.StartWith("{\"alertId\":"));
    }
}
