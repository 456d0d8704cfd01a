using System.Diagnostics;
using System.Text.Json;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Sources;

namespace DetectionKit.Benchmarks;

/// <summary>
/// Replays the bundled fixtures through the shipped rules, next to the floor: parsing the same bytes
/// with System.Text.Json and touching every record.
/// </summary>
internal static class ReplayBenchmark
{
    public static void Run(string rulesDirectory, string fixturesDirectory, int replays)
    {
        // Decompressed up front: both sides of the comparison then start from the same bytes in memory.
        var files = Directory.EnumerateFiles(fixturesDirectory, "*.json*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(Decompressed).ToList();
        var bytes = files.Sum(f => (long)f.Length);
        var loaded = RuleSetBuilder.Build(rulesDirectory);

        long events = 0;
        long matches = 0;
        var replay = Stopwatch.StartNew();
        for (var round = 0; round < replays; round++)
        {
            foreach (var data in files)
            {
                using var batch = EventBatch.Open("bench", () => new MemoryStream(data, writable: false));
                foreach (var e in batch.ReadEvents())
                {
                    events++;
                    foreach (var rule in loaded.RuleSet.CandidatesFor(e))
                    {
                        if (RuleEvaluator.Evaluate(rule, e).Matched)
                        {
                            matches++;
                        }
                    }
                }
            }
        }

        replay.Stop();

        long parsed = 0;
        var floor = Stopwatch.StartNew();
        for (var round = 0; round < replays; round++)
        {
            foreach (var data in files)
            {
                foreach (var line in IsJsonLines(data) ? Lines(data) : [data])
                {
                    using var document = JsonDocument.Parse(line);
                    parsed += document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.GetArrayLength() : 1;
                }
            }
        }

        floor.Stop();
        var megabytes = bytes * replays / (1024.0 * 1024.0);
        Console.WriteLine($"replay: {loaded.RuleSet.Rules.Count} rules x {events} events ({megabytes:F1} MiB) in {replay.ElapsedMilliseconds} ms: {events / replay.Elapsed.TotalSeconds:N0} events/s, {megabytes / replay.Elapsed.TotalSeconds:F1} MiB/s, {matches} matches");
        Console.WriteLine($"floor:  JsonDocument.Parse of the same bytes in {floor.ElapsedMilliseconds} ms: {megabytes / floor.Elapsed.TotalSeconds:F1} MiB/s ({parsed} values); replay costs {replay.Elapsed.TotalMilliseconds / Math.Max(1, floor.Elapsed.TotalMilliseconds):F2}x the floor");
    }

    private static byte[] Decompressed(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.Ordinal))
        {
            return File.ReadAllBytes(path);
        }

        using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static bool IsJsonLines(byte[] data) => data.Length > 0 && data[0] == (byte)'{' && Array.IndexOf(data, (byte)'\n') is var n && n > 0 && n < data.Length - 2;

    private static IEnumerable<ReadOnlyMemory<byte>> Lines(byte[] data)
    {
        var start = 0;
        while (start < data.Length)
        {
            var end = Array.IndexOf(data, (byte)'\n', start);
            end = end < 0 ? data.Length : end;
            if (end > start + 1)
            {
                yield return data.AsMemory(start, end - start);
            }

            start = end + 1;
        }
    }
}
