using DetectionKit.Engine.Sources;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Sources;

/// <summary>The real captures rules are tested against must read cleanly, record for record.</summary>
public sealed class ReadingTheRecordedDatasets
{
    [Test]
    public async Task EveryFileOfTheSharedDatasetsReadsWithoutProblems()
    {
        var datasets = RepositoryPaths.SharedDatasets;
        if (!Directory.Exists(datasets))
        {
            Assert.Ignore("../shared/datasets beside the repository is not there (the tests run outside the project's workspace)");
        }

        await AssertEveryRecordFileReads(datasets);
    }

    [Test]
    public async Task EveryFixtureReadsWithoutProblems()
    {
        await AssertEveryRecordFileReads(RepositoryPaths.Fixtures);
    }

    private static async Task AssertEveryRecordFileReads(string folder)
    {
        var source = new FileEventSource([folder]);
        var problems = new List<string>();
        var empty = new List<string>();
        var files = 0;
        await foreach (var batch in source.ReadAsync())
        {
            using (batch)
            {
                files++;
                batch.Loaded();
                problems.AddRange(batch.Problems.Select(p => p.ToString()));
                if (batch.Events.Count == 0)
                {
                    empty.Add(batch.Origin);
                }

                // Every record is an object with the fields the event model reads lazily.
                Assert.That(batch.Events.Select(e => e.EventTime), Is.All.Not.Null, batch.Origin);
            }
        }

        Assert.That(files, Is.GreaterThan(0), $"no record files under {folder}");
        Assert.That(problems, Is.Empty, () => string.Join("\n", problems));
        Assert.That(empty, Is.Empty, "files without a single record");
    }
}
