using System.IO.Compression;
using System.Text.Json.Nodes;
using DetectionKit.Engine.Sources.S3;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Benchmarking;

namespace DetectionKit.Tooling.Tests.Benchmarking;

public sealed class ReplicatingCapturesForTheWorker
{
    [Test]
    public void EveryCopyOfACaptureHasAKeyAndEventIdsOfItsOwnAndTheCapturesRecordsOtherwise()
    {
        var captures = WorkerCorpus.ReadCaptures(RepositoryPaths.Fixtures);

        var objects = Enumerable.Range(0, (captures.Count * 2) + 1).Select(i => WorkerCorpus.Object(captures, i, seed: 7)).ToList();

        Assert.That(captures, Has.Count.GreaterThan(10), "the bundled captures are JSON arrays of records");
        Assert.That(objects.Select(o => o.Key).Distinct().Count(), Is.EqualTo(objects.Count));
        Assert.That(objects.Select(o => CloudTrailObjectKey.Parse(o.Key)), Has.All.Matches<CloudTrailObjectKey?>(k => k is { IsDigest: false, OrganizationId: "o-bench00000" }));
        var records = objects.Select(o => JsonNode.Parse(new GZipStream(new MemoryStream(o.Gzipped), CompressionMode.Decompress))!["Records"]!.AsArray()).ToList();
        Assert.That(records.Select(r => r.Count), Is.EqualTo(objects.Select(o => o.Events)));
        var ids = records.SelectMany(r => r).Select(r => r!["eventID"]!.GetValue<string>()).ToList();
        Assert.That(ids.Distinct().Count(), Is.EqualTo(ids.Count), "no event id twice across the copies");

        var copy = records[captures.Count][0]!.AsObject().DeepClone().AsObject();
        var original = captures[0][0]!.AsObject().DeepClone().AsObject();
        copy.Remove("eventID");
        original.Remove("eventID");
        Assert.That(JsonNode.DeepEquals(copy, original), Is.True, "a copy is the capture's record but for its event id");
        Assert.That(WorkerCorpus.Object(captures, 3, seed: 7), Is.EqualTo(objects[3]).Using<WorkerObject>((a, b) => a.Key == b.Key && a.Gzipped.SequenceEqual(b.Gzipped)), "the same seed, the same object");
    }
}
