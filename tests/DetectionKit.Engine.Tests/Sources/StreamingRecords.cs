using System.IO.Compression;
using System.Text;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Sources;

public class StreamingRecords
{
    private static readonly ReadLimits Small = new() { MaxRecordBytes = 64 * 1024, MaxObjectBytes = 4 * 1024 * 1024 };

    [Test]
    public void ADeliveryLargerThanTheReadBufferIsReadRecordByRecord()
    {
        var ids = Read(new EndlessDelivery(20_000, Record), ReadLimits.Default, out var batch);

        Assert.That(ids, Has.Count.EqualTo(20_000));
        Assert.That(ids[0], Is.EqualTo("0"));
        Assert.That(ids[^1], Is.EqualTo("19999"));
        Assert.That(batch.Problems, Is.Empty);
        Assert.That(batch.ReadToEnd, Is.True);
    }

    [Test]
    public void ARecordLargerThanTheLimitIsPassedOverTokenByTokenAndTheOthersRead()
    {
        var strings = string.Join(",", Enumerable.Range(0, 100).Select(_ => $"\"{new string('x', 10 * 1024)}\""));
        var ids = Read(new EndlessDelivery(5, i => i == 2 ? $"{{\"eventID\":\"{i}\",\"more\":[1,2,{{\"a\":[{strings}]}}]}}" : Record(i)), Small, out var batch);

        Assert.That(ids, Is.EqualTo(new[] { "0", "1", "3", "4" }));
        var problem = batch.Problems.Single();
        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.InvalidRecord));
        Assert.That(problem.Message, Does.StartWith("Records[2] is larger than 64 KiB"));
        Assert.That(batch.ReadToEnd, Is.True);
    }

    [Test]
    public void ARecordOverTheLimitIsDroppedEvenWhenItCameInOneRead()
    {
        var padding = new string('x', 100 * 1024);
        var ids = Read(new EndlessDelivery(3, i => i == 1 ? $"{{\"eventID\":\"{i}\",\"padding\":\"{padding}\"}}" : Record(i)), Small, out var batch);

        Assert.That(ids, Is.EqualTo(new[] { "0", "2" }));
        Assert.That(batch.Problems.Single().Message, Does.StartWith("Records[1] is larger than 64 KiB"));
    }

    [Test]
    public void ASingleTokenLargerThanTheLimitEndsTheInputWithAReason()
    {
        var huge = new string('x', 1024 * 1024);
        var ids = Read(new EndlessDelivery(3, i => i == 1 ? $"{{\"padding\":\"{huge}\"}}" : Record(i)), Small, out var batch);

        Assert.That(ids, Is.EqualTo(new[] { "0" }));
        Assert.That(batch.Problems.Last().Message, Does.Contain("without the end of a JSON token"));
        Assert.That(batch.ReadToEnd, Is.False);
        Assert.That(batch.Failure?.Reason, Is.EqualTo(ReadFailure.Kind.Corrupt));
    }

    [Test]
    public void AnInputThatExpandsPastTheObjectLimitIsStoppedAndSaysHowFarItGot()
    {
        var gzip = new MemoryStream();
        using (var compress = new GZipStream(gzip, CompressionLevel.Fastest, leaveOpen: true))
        {
            new EndlessDelivery(200_000, Record).CopyTo(compress);
        }

        gzip.Position = 0;
        var ids = Read(gzip, Small, out var batch);

        Assert.That(ids, Is.Not.Empty.And.Count.LessThan(200_000));
        var problem = batch.Problems.Single();
        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.InputUnreadable));
        Assert.That(problem.Message, Does.StartWith("expands past 4 MiB").And.Contain($"stopped after {ids.Count:N0} records"));
        Assert.That(batch.Failure?.Reason, Is.EqualTo(ReadFailure.Kind.TooLarge));
        Assert.That(batch.BytesRead, Is.LessThanOrEqualTo(Small.MaxObjectBytes + 1));
    }

    [Test]
    public void EveryBadLineOfJsonLinesIsReportedAndEveryGoodOneRead()
    {
        var lines = "{\"eventID\": bad}\n{\"eventID\": \"2\"\n{\"eventID\":\"3\"}\nnot json\n{\"eventID\":\"5\"}\n";

        using var batch = Batches.Read("input.jsonl", Encoding.UTF8.GetBytes(lines));

        Assert.That(batch.Events.Select(e => e.EventId), Is.EqualTo(new[] { "3", "5" }));
        Assert.That(batch.Problems.Select(p => p.Location.Line), Is.EqualTo(new[] { 1, 2, 4 }));
        Assert.That(batch.Problems.Select(p => p.Message), Has.All.StartWith("not valid JSON: "));
        Assert.That(batch.Problems[1].Message, Does.Contain("line 2 does not end on its line"));
        Assert.That(batch.ReadToEnd, Is.True);
    }

    [Test]
    public void AFaultDeepInAPrettyPrintedDocumentKeepsTheRecordsBeforeIt()
    {
        var json = "[\n  {\"eventID\": \"1\"},\n  {\"eventID\": \"2\"},\n  {\"eventID\": oops}\n]";

        using var batch = Batches.Read("input.json", Encoding.UTF8.GetBytes(json));

        Assert.That(batch.Events.Select(e => e.EventId), Is.EqualTo(new[] { "1", "2" }));
        var problem = batch.Problems.Single();
        Assert.That(problem.Location.Line, Is.EqualTo(4));
        Assert.That(problem.Message, Does.Contain("2 records were read before it"));
        Assert.That(batch.ReadToEnd, Is.False);
    }

    [Test]
    public void ProblemsPastTheCapAreCountedNotKept()
    {
        var lines = string.Concat(Enumerable.Range(0, 500).Select(i => "nope\n")) + "{\"eventID\":\"ok\"}\n";

        using var batch = Batches.Read("input.jsonl", Encoding.UTF8.GetBytes(lines));

        Assert.That(batch.Events.Single().EventId, Is.EqualTo("ok"));
        Assert.That(batch.Problems, Has.Count.EqualTo(CloudTrailRecordReader.MaxProblemsKept + 1));
        Assert.That(batch.Problems.Last().Message, Does.StartWith("400 more problems"));
    }

    [Test]
    public void ARecordThatIsNotValidUtf8IsReportedAndTheOthersRead()
    {
        var bad = Encoding.UTF8.GetBytes("{\"eventID\":\"1\"}\n{\"").Concat(new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes("\":1}\n{\"eventID\":\"3\"}\n")).ToArray();

        using var batch = Batches.Read("input.jsonl", bad);

        Assert.That(batch.Events.Select(e => e.EventId), Is.EqualTo(new[] { "1", "3" }));
        Assert.That(batch.Problems.Single().Message, Does.Contain("not valid UTF-8"));
        Assert.That(batch.Problems.Single().Location.Line, Is.EqualTo(2));
    }

    [Test]
    public void ALargeValueBesideRecordsIsPassedOverAndWhatFollowsIsRead()
    {
        var strings = string.Join(",", Enumerable.Range(0, 100).Select(_ => $"\"{new string('x', 10 * 1024)}\""));
        var json = $"{{\"Records\":[{Record(1)}],\"other\":{{\"a\":[{strings}],\"b\":[1,2]}}}}\n{Record(2)}\n";

        using var batch = Batches.Read("input.json", Encoding.UTF8.GetBytes(json), Small);

        Assert.That(batch.Events.Select(e => e.EventId), Is.EqualTo(new[] { "1", "2" }));
        Assert.That(batch.Problems.Single().Message, Does.StartWith("a value beside Records is larger than 64 KiB"));
        Assert.That(batch.ReadToEnd, Is.True);
    }

    [Test]
    public void BlanksBeforeTheEndOfAListAreNotAnElement()
    {
        var json = $"[{Record(1)}{new string(' ', 100 * 1024)}]\n{Record(3)}\n";

        using var batch = Batches.Read("input.json", Encoding.UTF8.GetBytes(json), Small);

        Assert.That(batch.Events.Select(e => e.EventId), Is.EqualTo(new[] { "1", "3" }));
        Assert.That(batch.Problems, Is.Empty);
    }

    [Test]
    public void AnElementPassedOverIsReportedWhereItStarts()
    {
        var strings = string.Join(",", Enumerable.Range(0, 100).Select(_ => $"\"{new string('x', 10 * 1024)}\""));
        var json = $"{{\"Records\":[\n{Record(1)},\n{{\"eventID\":\"2\",\"big\":[{strings}]}},\n{Record(3)}]}}";

        using var batch = Batches.Read("input.json", Encoding.UTF8.GetBytes(json), Small);

        Assert.That(batch.Events.Select(e => e.EventId), Is.EqualTo(new[] { "1", "3" }));
        var problem = batch.Problems.Single();
        Assert.That((problem.Location.Line, problem.Location.Column), Is.EqualTo((3, 1)));
        Assert.That(problem.Message, Does.StartWith("Records[1] is larger than 64 KiB"));
    }

    [Test]
    public void AGzipCutWhereALineEndsIsReportedAsTruncatedNotTakenAsWhole()
    {
        var output = new MemoryStream();
        long cut;
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Record(1) + "\n"));
            gzip.Flush();
            cut = output.Length;
            gzip.Write(Encoding.UTF8.GetBytes(Record(2) + "\n"));
        }

        var ids = Read(new MemoryStream(output.ToArray()[..(int)cut]), ReadLimits.Default, out var batch);

        Assert.That(ids, Is.EqualTo(new[] { "1" }));
        Assert.That(batch.ReadToEnd, Is.False);
        Assert.That(batch.Failure?.Reason, Is.EqualTo(ReadFailure.Kind.Truncated));
        Assert.That(batch.Problems.Single().Message, Does.StartWith("the gzip stream is truncated"));
    }

    [TestCase("")]
    [TestCase("{}")]
    public void AWholeGzipIsReadToItsEnd(string json)
    {
        var gzip = new MemoryStream();
        using (var compress = new GZipStream(gzip, CompressionLevel.Fastest, leaveOpen: true))
        {
            compress.Write(Encoding.UTF8.GetBytes(json));
        }

        Read(new MemoryStream(gzip.ToArray()), ReadLimits.Default, out var batch);

        // An empty one is said to be empty (DK4009, a warning), not to be broken.
        Assert.That(batch.Problems.Select(p => p.Code), Is.EqualTo(json.Length == 0 ? new[] { DiagnosticCodes.EmptyInput } : []));
        Assert.That(batch.ReadToEnd, Is.True);
    }

    private static string Record(long i) => $"{{\"eventVersion\":\"1.08\",\"eventID\":\"{i}\",\"eventName\":\"GetObject\",\"eventSource\":\"s3.amazonaws.com\"}}";

    private static List<string> Read(Stream stream, ReadLimits limits, out EventBatch batch)
    {
        batch = EventBatch.Open("input", () => stream, limits);
        return batch.ReadEvents().Select(e => e.EventId ?? string.Empty).ToList();
    }
}
