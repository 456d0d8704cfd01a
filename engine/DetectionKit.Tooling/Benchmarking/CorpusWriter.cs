using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation;

namespace DetectionKit.Tooling.Benchmarking;

/// <summary>
/// Writes benign traffic as an organization trail delivers it: gzipped <c>{"Records":[...]}</c>
/// objects under <c>AWSLogs/</c> (see <see cref="CloudTrailObjectName"/>), a few accounts and
/// regions each with its own stream of records, so a benchmark reads what <c>run</c> reads from a
/// synced bucket. Records are streamed to disk, never held whole.
/// </summary>
public static class CorpusWriter
{
    private const string OrganizationId = "o-bench00000";
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly (string Account, string Region)[] Streams =
    [
        ("111122223333", "us-east-1"), ("111122223333", "eu-west-1"), ("444455556666", "us-east-1"), ("444455556666", "eu-west-1"),
    ];

    /// <summary>
    /// <paramref name="events"/> records in <paramref name="objects"/> objects under <paramref name="directory"/>,
    /// generated on up to <paramref name="parallelism"/> threads (one per account and region).
    /// </summary>
    public static BenchCorpus WriteObjects(string directory, int events, int objects, long seed, int parallelism)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        ArgumentOutOfRangeException.ThrowIfLessThan(objects, 1);
        var streams = Math.Min(objects, Streams.Length);
        var written = new List<WrittenObject>[streams];
        Parallel.For(0, streams, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, stream =>
        {
            // Object i belongs to stream i % streams; its size is an even share of the events.
            var sizes = Enumerable.Range(0, objects).Where(i => i % streams == stream).Select(i => (events / objects) + (i < events % objects ? 1 : 0));
            written[stream] = WriteStream(directory, Streams[stream], sizes, seed + stream);
        });

        var all = written.SelectMany(w => w).OrderBy(w => w.Path, StringComparer.Ordinal).ToList();
        var totalEvents = all.Sum(w => w.Events);
        return new BenchCorpus(
            all.Select(w => w.Path).ToList(),
            totalEvents,
            all.Sum(w => w.JsonBytes),
            $"{totalEvents:N0} generated benign records in {all.Count:N0} gzipped objects");
    }

    /// <summary>One object of at least <paramref name="jsonBytes"/> bytes of JSON once decompressed.</summary>
    public static BenchCorpus WriteSingleObject(string directory, long jsonBytes, long seed)
    {
        var (account, region) = Streams[0];
        var path = PathOf(directory, CloudTrailObjectName.Key(OrganizationId, account, region, BenignTrafficOptions.DefaultStart, "large" + seed.ToString(CultureInfo.InvariantCulture)));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var records = new BenignTrafficGenerator(new BenignTrafficOptions { Seed = seed }).Generate(int.MaxValue);
        var (events, json) = Write(path, counting => records.TakeWhile(_ => counting.Written < jsonBytes));
        return new BenchCorpus([path], events, json, $"one gzipped object of {json / (double)BenchRow.Megabyte:N0} MB of JSON ({events:N0} records)");
    }

    private static List<WrittenObject> WriteStream(string directory, (string Account, string Region) stream, IEnumerable<int> sizes, long seed)
    {
        var suffixes = new Random(unchecked((int)seed));
        using var records = new BenignTrafficGenerator(new BenignTrafficOptions { Seed = seed }).Generate(int.MaxValue).GetEnumerator();
        var written = new List<WrittenObject>();
        foreach (var size in sizes)
        {
            var batch = new List<JsonObject>(size);
            while (batch.Count < size && records.MoveNext())
            {
                batch.Add(records.Current);
            }

            // CloudTrail delivers an object a few minutes after its last event, and names it by that time.
            var last = batch.Count > 0 ? DateTimeOffset.Parse(batch[^1]["eventTime"]!.GetValue<string>(), CultureInfo.InvariantCulture) : BenignTrafficOptions.DefaultStart;
            var random = string.Concat(Enumerable.Range(0, 16).Select(_ => Alphabet[suffixes.Next(Alphabet.Length)]));
            var path = PathOf(directory, CloudTrailObjectName.Key(OrganizationId, stream.Account, stream.Region, last.AddMinutes(5), random));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var (events, json) = Write(path, _ => batch);
            written.Add(new WrittenObject(path, events, json));
        }

        return written;
    }

    private static (long Events, long JsonBytes) Write(string path, Func<CountingStream, IEnumerable<JsonObject>> records)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        var counting = new CountingStream(gzip);
        var events = CloudTrailRecordWriter.Write(records(counting), counting, CloudTrailFileFormat.Records, gzip: false);
        return (events, counting.Written);
    }

    private static string PathOf(string directory, string key) => Path.Combine([directory, .. key.Split('/')]);

    private sealed record WrittenObject(string Path, long Events, long JsonBytes);
}
