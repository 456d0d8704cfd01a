using System.Text;
using DetectionKit.Engine.Sources;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Fuzzing;

/// <summary>
/// Inputs for the record readers built from the bundled captures: a capture file as it is, or its
/// records as one record, an array, the S3 delivery wrapper or JSON Lines.
/// </summary>
internal static class RecordSeeds
{
    private static readonly Lazy<(IReadOnlyList<byte[]> Files, IReadOnlyList<string> Records)> Corpus = new(Load);

    /// <summary>One input in one of the shapes readers accept, with the shape's name.</summary>
    public static (string Shape, byte[] Bytes) Pick(Random random)
    {
        var (files, records) = Corpus.Value;
        string Some() => records[random.Next(records.Count)];
        IEnumerable<string> Several() => Enumerable.Range(0, 1 + random.Next(6)).Select(_ => Some());
        return random.Next(5) switch
        {
            0 => ("capture file", files[random.Next(files.Count)]),
            1 => ("one record", Encoding.UTF8.GetBytes(Some())),
            2 => ("array", Encoding.UTF8.GetBytes("[" + string.Join(",\n", Several()) + "]")),
            3 => ("Records", Encoding.UTF8.GetBytes("{\"Records\":[" + string.Join(",", Several()) + "]}")),
            _ => ("JSON Lines", Encoding.UTF8.GetBytes(string.Join("\n", Several()) + "\n")),
        };
    }

    private static (IReadOnlyList<byte[]> Files, IReadOnlyList<string> Records) Load()
    {
        var files = new List<byte[]>();
        var records = new List<string>();
        foreach (var path in Directory.EnumerateFiles(RepositoryPaths.Fixtures, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (!path.EndsWith(".json", StringComparison.Ordinal) && !path.EndsWith(".jsonl", StringComparison.Ordinal) && !path.EndsWith(".gz", StringComparison.Ordinal))
            {
                continue;
            }

            var read = CloudTrailJsonReader.ReadAll(path, File.OpenRead(path));
            records.AddRange(read.Records.Select(r => r.GetRawText().ReplaceLineEndings(" ")));
            if (new FileInfo(path).Length < 256 * 1024 && !path.EndsWith(".gz", StringComparison.Ordinal))
            {
                files.Add(File.ReadAllBytes(path));
            }
        }

        Assert.That(records, Is.Not.Empty, "the bundled captures are the fuzzer's seeds");
        return (files, records);
    }
}
