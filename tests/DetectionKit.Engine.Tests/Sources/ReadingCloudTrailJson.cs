using System.Text;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Sources;

public sealed class ReadingCloudTrailJson
{
    [Test]
    public void ASingleObjectIsOneEvent([Values] bool gzipped)
    {
        var ids = EventIds(Some.Record(eventId: "only").ToJsonString(), gzipped);

        Assert.That(ids, Is.EqualTo(new[] { "only" }));
    }

    [Test]
    public void APrettyPrintedObjectIsOneEvent([Values] bool gzipped)
    {
        var pretty = Some.Record(eventId: "only").ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });

        Assert.That(EventIds(pretty, gzipped), Is.EqualTo(new[] { "only" }));
    }

    [Test]
    public void AJsonArrayIsOneEventPerItem([Values] bool gzipped)
    {
        var json = $"[{Some.Record(eventId: "1").ToJsonString()},\n {Some.Record(eventId: "2").ToJsonString()}]";

        Assert.That(EventIds(json, gzipped), Is.EqualTo(new[] { "1", "2" }));
    }

    [Test]
    public void TheS3DeliveryShapeIsOneEventPerRecord([Values] bool gzipped)
    {
        var json = Some.Delivery(Some.Record(eventId: "1"), Some.Record(eventId: "2"), Some.Record(eventId: "3"));

        Assert.That(EventIds(json, gzipped), Is.EqualTo(new[] { "1", "2", "3" }));
    }

    [Test]
    public void JsonLinesAreOneEventPerLine([Values] bool gzipped)
    {
        var json = Some.JsonLines(Some.Record(eventId: "1"), Some.Record(eventId: "2"), Some.Record(eventId: "3"));

        Assert.That(EventIds(json, gzipped), Is.EqualTo(new[] { "1", "2", "3" }));
    }

    [Test]
    public void JsonLinesWithCarriageReturnsAndBlankLinesAreRead()
    {
        var json = $"{Some.Record(eventId: "1").ToJsonString()}\r\n\r\n{Some.Record(eventId: "2").ToJsonString()}\r\n";

        Assert.That(EventIds(json, gzipped: false), Is.EqualTo(new[] { "1", "2" }));
    }

    [Test]
    public void JsonLinesOfDeliveryObjectsAreRead()
    {
        var json = Some.Delivery(Some.Record(eventId: "1")) + "\n" + Some.Delivery(Some.Record(eventId: "2"), Some.Record(eventId: "3")) + "\n";

        Assert.That(EventIds(json, gzipped: false), Is.EqualTo(new[] { "1", "2", "3" }));
    }

    [Test]
    public void AByteOrderMarkIsSkipped([Values] bool gzipped)
    {
        var json = "\uFEFF" + Some.Delivery(Some.Record(eventId: "1"));

        Assert.That(EventIds(json, gzipped), Is.EqualTo(new[] { "1" }));
    }

    [Test]
    public void AStreamReadsLikeBytes()
    {
        using var stream = new MemoryStream(Gzip.Compress(Some.JsonLines(Some.Record(eventId: "1"), Some.Record(eventId: "2"))));

        using var batch = Batches.Read("<stdin>", stream);

        Assert.That(batch.Origin, Is.EqualTo("<stdin>"));
        Assert.That(batch.Events.Select(e => e.EventId), Is.EqualTo(new[] { "1", "2" }));
    }

    [Test]
    public void EventsRemainReadableUntilTheBatchIsDisposed()
    {
        using var batch = Batches.Read("input.json", Encoding.UTF8.GetBytes(Some.Delivery(Some.Record(eventId: "1"))));
        GC.Collect();

        Assert.That(batch.Events.Single().UserIdentity.UserName, Is.EqualTo("alice"));
    }

    private static IReadOnlyList<string?> EventIds(string json, bool gzipped)
    {
        var bytes = gzipped ? Gzip.Compress(json) : Encoding.UTF8.GetBytes(json);
        using var batch = Batches.Read(gzipped ? "input.json.gz" : "input.json", bytes);
        Assert.That(batch.Problems, Is.Empty, () => string.Join("\n", batch.Problems));
        return batch.Events.Select(e => e.EventId).ToList();
    }
}
