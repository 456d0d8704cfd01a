using DetectionKit.Engine.Sources;
using DetectionKit.Engine.Sources.Reading;
using DetectionKit.Engine.Tests.Support;

namespace DetectionKit.Engine.Tests.Sources;

/// <summary>A plain (not gzipped) delivery is read as a stream, however large: the reader is never far ahead of the record it hands out.</summary>
public sealed class ReadingALargePlainFile
{
    private const int Records = 128 * 1024;
    private const long MaxReadAhead = 4 * 1024 * 1024;

    [Test]
    public void AHundredAndTwentyEightMegabyteDeliveryIsReadRecordByRecordWithoutRunningAhead()
    {
        var record = Record(0);
        using var input = new CountingStream(new EndlessDelivery(Records, Record));
        var batch = EventBatch.Open("large.json", () => input);

        long seen = 0, furthestAhead = 0;
        foreach (var e in batch.ReadEvents())
        {
            // Where this record ends in the stream, every record being the same length (and a comma).
            var end = "{\"Records\":[".Length + (seen + 1) * (record.Length + 1);
            furthestAhead = Math.Max(furthestAhead, input.Consumed - end);
            Assert.That(e.EventId, Is.EqualTo(seen.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)));
            seen++;
        }

        Assert.That(seen, Is.EqualTo(Records));
        Assert.That(input.Consumed, Is.GreaterThan(128L * 1024 * 1024), "the delivery is as large as it says");
        Assert.That(furthestAhead, Is.LessThan(MaxReadAhead), "the reader holds a bounded window of the input, not the file");
        Assert.That(batch.Problems, Is.Empty);
        Assert.That(batch.ReadToEnd, Is.True);
    }

    private static string Record(long i) =>
        $"{{\"eventVersion\":\"1.08\",\"eventTime\":\"2024-08-05T10:00:00Z\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"eventID\":\"{i:D10}\",\"padding\":\"{new string('x', 880)}\"}}";

    private sealed class CountingStream(Stream inner) : ForwardOnlyStream
    {
        public long Consumed { get; private set; }

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            Consumed += read;
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
