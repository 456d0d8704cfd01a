using System.IO.Compression;
using System.Text.Json;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.Sources.S3;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Benchmarking;

namespace DetectionKit.Tooling.Tests.Benchmarking;

public sealed class WritingBenchCorpora
{
    [Test]
    public void EveryObjectIsAGzippedRecordsFileWhereAnOrganizationTrailWouldDeliverIt()
    {
        using var directory = new TempRulesDirectory();

        var corpus = CorpusWriter.WriteObjects(directory.Root, events: 130, objects: 6, seed: 3, parallelism: 2);

        Assert.That(corpus.Files, Has.Count.EqualTo(6));
        foreach (var file in corpus.Files)
        {
            var key = CloudTrailObjectKey.Parse(Path.GetRelativePath(directory.Root, file).Replace(Path.DirectorySeparatorChar, '/'));
            Assert.That(key, Is.Not.Null, file);
            Assert.That(key!.OrganizationId, Is.EqualTo("o-bench00000"));
            Assert.That(key.Kind, Is.EqualTo("CloudTrail"));
            using var records = JsonDocument.Parse(Decompressed(file));
            Assert.That(records.RootElement.GetProperty("Records").GetArrayLength(), Is.InRange(21, 22));
        }

        Assert.That(corpus.Files.Select(f => CloudTrailObjectKey.Parse(f)!.Region).Distinct(), Is.EquivalentTo(new[] { "us-east-1", "eu-west-1" }));
        Assert.That(corpus.Files, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
    }

    [Test]
    public void TheCorpusCountsTheRecordsAndJsonBytesTheRunSourceReads()
    {
        using var directory = new TempRulesDirectory();

        var corpus = CorpusWriter.WriteObjects(directory.Root, events: 90, objects: 4, seed: 5, parallelism: 1);
        var read = Read(directory.Root);

        Assert.That(corpus.Events, Is.EqualTo(90));
        Assert.That(read.Events, Is.EqualTo(90));
        Assert.That(read.Problems, Is.Empty);
        Assert.That(corpus.JsonBytes, Is.EqualTo(corpus.Files.Sum(f => (long)Decompressed(f).Length)));
    }

    [Test]
    public void AnObjectIsNamedAfterItsLastEventAsCloudTrailDeliversItAfterwards()
    {
        using var directory = new TempRulesDirectory();

        var corpus = CorpusWriter.WriteObjects(directory.Root, events: 40, objects: 2, seed: 9, parallelism: 1);

        foreach (var file in corpus.Files)
        {
            using var records = JsonDocument.Parse(Decompressed(file));
            var last = records.RootElement.GetProperty("Records").EnumerateArray().Select(r => r.GetProperty("eventTime").GetDateTimeOffset()).Max();
            var delivered = CloudTrailObjectKey.Parse(file)!.DeliveredAt;
            Assert.That(delivered, Is.GreaterThan(last).And.LessThanOrEqualTo(last.AddMinutes(5)));
        }
    }

    [Test]
    public void TheSingleObjectHoldsAtLeastTheSizeAskedForAndNotAWholeWriteBufferMore()
    {
        using var directory = new TempRulesDirectory();

        var corpus = CorpusWriter.WriteSingleObject(directory.Root, jsonBytes: 300_000, seed: 4);

        var json = Decompressed(corpus.Files.Single());
        Assert.That(corpus.JsonBytes, Is.EqualTo(json.Length));
        Assert.That(json.Length, Is.InRange(300_000, 300_000 + (128 * 1024)));
        using var records = JsonDocument.Parse(json);
        Assert.That(records.RootElement.GetProperty("Records").GetArrayLength(), Is.EqualTo(corpus.Events));
    }

    [Test]
    public void SourcesAreExpandedAsRunReadsThemRecordFilesOnlyInNameOrder()
    {
        using var directory = new TempRulesDirectory();
        directory.Write("b/2.json.gz", [0x1f, 0x8b]);
        directory.Write("a/1.jsonl", []);
        directory.Write("a/README.md", []);
        var single = directory.Write("other.txt", []);

        var corpus = CorpusFiles.FromSources([directory.PathOf("a"), directory.PathOf("b"), single]);

        Assert.That(corpus.Files, Is.EqualTo(new[] { directory.PathOf("a/1.jsonl"), directory.PathOf("b/2.json.gz"), single }));
        Assert.That(corpus.Events, Is.Null);
    }

    private static byte[] Decompressed(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static (int Events, IReadOnlyList<string> Problems) Read(string directory)
    {
        var events = 0;
        var problems = new List<string>();
        var source = new FileEventSource([directory]);
        foreach (var batch in source.ReadAsync().ToBlockingEnumerable())
        {
            using (batch)
            {
                events += batch.Events.Count;
                problems.AddRange(batch.Problems.Select(p => p.Message));
            }
        }

        return (events, problems);
    }
}
