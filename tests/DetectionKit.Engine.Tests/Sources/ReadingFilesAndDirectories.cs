using System.Text;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Sources;

public sealed class ReadingFilesAndDirectories
{
    [Test]
    public async Task ADirectoryIsReadRecursivelyInNameOrderSkippingOtherFiles()
    {
        using var folder = new TempRulesDirectory();
        folder.Write("a.json", Some.Delivery(Some.Record(eventId: "a")));
        folder.Write("b/c.jsonl", Some.JsonLines(Some.Record(eventId: "c")));
        folder.Write("b/d.json.gz", Gzip.Compress(Some.Delivery(Some.Record(eventId: "d"))));
        folder.Write("b/e.ndjson", Some.JsonLines(Some.Record(eventId: "e")));
        folder.Write("README.md", "# not records");
        folder.Write("b/LICENSE", "not records either");
        var source = new FileEventSource([folder.Root]);

        var batches = await ReadAll(source);

        Assert.That(batches.Select(b => Path.GetRelativePath(folder.Root, b.Origin)), Is.EqualTo(new[] { "a.json", Path.Combine("b", "c.jsonl"), Path.Combine("b", "d.json.gz"), Path.Combine("b", "e.ndjson") }));
        Assert.That(batches.SelectMany(b => b.Events).Select(e => e.EventId), Is.EqualTo(new[] { "a", "c", "d", "e" }));
        Assert.That(source.SkippedFiles, Is.EqualTo(2));
    }

    [Test]
    public async Task AFileNamedDirectlyIsReadWhateverItsName()
    {
        using var folder = new TempRulesDirectory();
        var path = folder.Write("capture.log", Some.JsonLines(Some.Record(eventId: "1")));
        var source = new FileEventSource([path]);

        var batches = await ReadAll(source);

        Assert.That(batches.Single().Events.Single().EventId, Is.EqualTo("1"));
        Assert.That(source.SkippedFiles, Is.Zero);
    }

    [Test]
    public async Task AMissingPathIsReportedAndTheOtherPathsStillRead()
    {
        using var folder = new TempRulesDirectory();
        var missing = folder.PathOf("nope.json");
        var present = folder.Write("yes.json", Some.Delivery(Some.Record(eventId: "1")));

        var batches = await ReadAll(new FileEventSource([missing, present]));

        var problem = batches[0].Problems.Single();
        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.InputUnreadable));
        Assert.That(problem.Location.Path, Is.EqualTo(missing));
        Assert.That(problem.Message, Is.EqualTo("no such file or directory"));
        Assert.That(batches[1].Events.Single().EventId, Is.EqualTo("1"));
    }

    [Test]
    public async Task ADashReadsStandardInput()
    {
        var source = new FileEventSource(["-"], () => new MemoryStream(Encoding.UTF8.GetBytes(Some.Delivery(Some.Record(eventId: "1")))));

        var batch = (await ReadAll(source)).Single();

        Assert.That(batch.Origin, Is.EqualTo("<stdin>"));
        Assert.That(batch.Events.Single().EventId, Is.EqualTo("1"));
    }

    [Test]
    public void ACancelledReadStops()
    {
        using var folder = new TempRulesDirectory();
        folder.Write("a.json", Some.Delivery(Some.Record()));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAsync<OperationCanceledException>(async () => await ReadAll(new FileEventSource([folder.Root]), cancelled.Token));
    }

    // The batches are returned undisposed so their events stay readable; the tests are short-lived.
    private static async Task<List<EventBatch>> ReadAll(FileEventSource source, CancellationToken cancellationToken = default)
    {
        var batches = new List<EventBatch>();
        await foreach (var batch in source.ReadAsync(cancellationToken))
        {
            batches.Add(batch.Loaded());
        }

        return batches;
    }
}
