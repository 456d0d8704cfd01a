using System.Text;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Sources;

public sealed class ReportingBadInput
{
    [Test]
    public void ABadLineInJsonLinesIsReportedAtItsLineAndTheOthersAreRead()
    {
        var json = Some.Record(eventId: "1").ToJsonString() + "\n{\"eventName\": oops}\n" + Some.Record(eventId: "3").ToJsonString() + "\n";

        using var batch = Read(json);

        Assert.That(batch.Events.Select(e => e.EventId), Is.EqualTo(new[] { "1", "3" }));
        var problem = batch.Problems.Single();
        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.InputUnreadable));
        Assert.That(problem.Location.Path, Is.EqualTo("input.jsonl"));
        Assert.That(problem.Location.Line, Is.EqualTo(2));
        Assert.That(problem.Location.Column, Is.EqualTo("{\"eventName\": ".Length + 1));
        Assert.That(problem.Message, Does.StartWith("not valid JSON"));
    }

    [Test]
    public void ABadFirstLineInJsonLinesDoesNotHideTheRest()
    {
        var json = "{ broken\n" + Some.JsonLines(Some.Record(eventId: "2"), Some.Record(eventId: "3"));

        using var batch = Read(json);

        Assert.That(batch.Events.Select(e => e.EventId), Is.EqualTo(new[] { "2", "3" }));
        Assert.That(batch.Problems.Single().Location.Line, Is.EqualTo(1));
    }

    [Test]
    public void ANonObjectItemInRecordsIsReportedAndSkipped()
    {
        var json = $$"""{"Records":[{{Some.Record(eventId: "1").ToJsonString()}}, 42, "text", {{Some.Record(eventId: "4").ToJsonString()}}]}""";

        using var batch = Read(json);

        Assert.That(batch.Events.Select(e => e.EventId), Is.EqualTo(new[] { "1", "4" }));
        Assert.That(batch.Problems.Select(p => p.Code), Is.All.EqualTo(DiagnosticCodes.InvalidRecord));
        Assert.That(batch.Problems.Select(p => p.Message), Is.EqualTo(new[]
        {
            "Records[1] is a number, not a CloudTrail record (a JSON object); skipped",
            "Records[2] is a string, not a CloudTrail record (a JSON object); skipped",
        }));
    }

    [Test]
    public void ANonObjectItemInAnArrayIsReportedAndSkipped()
    {
        using var batch = Read($"[null, {Some.Record(eventId: "2").ToJsonString()}]");

        Assert.That(batch.Events.Single().EventId, Is.EqualTo("2"));
        Assert.That(batch.Problems.Single().Message, Does.StartWith("[0] is a null"));
    }

    [Test]
    public void AScalarDocumentIsReported()
    {
        using var batch = Read("\"just a string\"");

        Assert.That(batch.Events, Is.Empty);
        Assert.That(batch.Problems.Single().Code, Is.EqualTo(DiagnosticCodes.InvalidRecord));
    }

    [Test]
    public void AnEmptyFileHasNoEventsAndIsReportedAsEmptyNotAsAnError()
    {
        using var empty = Read(string.Empty);
        using var blank = Read(" \n\r\n\t");
        using var noRecords = Read("""{"Records":[]}""");

        Assert.That(empty.Events.Concat(blank.Events).Concat(noRecords.Events), Is.Empty);
        foreach (var batch in new[] { empty, blank, noRecords })
        {
            Assert.That(batch.IsEmpty, Is.True);
            Assert.That(batch.ReadToEnd, Is.True);
            var problem = batch.Problems.Single();
            Assert.That((problem.Code, problem.IsError, problem.Location.Path), Is.EqualTo((DiagnosticCodes.EmptyInput, false, "input.jsonl")));
        }
    }

    [Test]
    public void AnInputWithOnlyBadLinesIsNotCountedAsEmpty()
    {
        using var batch = Read("{ broken\n");

        Assert.That(batch.IsEmpty, Is.False);
        Assert.That(batch.Problems.Select(p => p.Code), Is.EqualTo(new[] { DiagnosticCodes.InputUnreadable }));
    }

    [Test]
    public void TruncatedJsonIsReportedAfterTheRecordsBeforeTheCut()
    {
        using var batch = Read("{\"Records\": [ {\"eventName\": \"StopLogging\"}");

        Assert.That(batch.Events.Select(e => e.EventName), Is.EqualTo(new[] { "StopLogging" }));
        Assert.That(batch.Problems.Single().Code, Is.EqualTo(DiagnosticCodes.InputUnreadable));
        Assert.That(batch.Problems.Single().Message, Does.Contain("truncated"));
        Assert.That(batch.ReadToEnd, Is.False);
    }

    [Test]
    public void BrokenGzipIsReported()
    {
        var gzip = Gzip.Compress(Some.Delivery(Some.Record()));

        using var batch = Batches.Read("input.json.gz", gzip.AsMemory(0, gzip.Length / 2));

        Assert.That(batch.Events, Is.Empty);
        Assert.That(batch.Problems.Single().Code, Is.EqualTo(DiagnosticCodes.InputUnreadable));
    }

    private static EventBatch Read(string json) => Batches.Read("input.jsonl", Encoding.UTF8.GetBytes(json));
}
