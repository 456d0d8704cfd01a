using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace DetectionKit.Tooling.Benchmarking;

/// <summary>
/// The objects the worker phase uploads: the recorded captures (JSON arrays of CloudTrail records under
/// <c>fixtures/</c>) replicated, one capture per object in turn, each copy with event ids and a key of its own,
/// so no object is passed over as already committed and every record is read as new.
/// </summary>
public static class WorkerCorpus
{
    private const string OrganizationId = "o-bench00000";
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly DateTimeOffset FirstDelivery = new(2024, 8, 5, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Accounts = ["111122223333", "444455556666"];
    private static readonly string[] Regions = ["us-east-1", "eu-west-1"];

    /// <summary>The captures under <paramref name="fixtures"/>: every <c>.json</c> file holding a non-empty array of records, in name order.</summary>
    public static IReadOnlyList<JsonArray> ReadCaptures(string fixtures) =>
        Directory.EnumerateFiles(fixtures, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => JsonNode.Parse(File.ReadAllText(f)) as JsonArray)
            .Where(a => a is { Count: > 0 } && a.All(r => r is JsonObject))
            .Cast<JsonArray>()
            .ToList();

    /// <summary>Object <paramref name="index"/> of the corpus: its key in the delivery layout and its gzipped <c>{"Records":[...]}</c>.</summary>
    public static WorkerObject Object(IReadOnlyList<JsonArray> captures, int index, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfZero(captures.Count);
        var random = new Random(HashCode.Combine(seed, index));
        var records = (JsonArray)captures[index % captures.Count].DeepClone();
        foreach (var record in records)
        {
            record!["eventID"] = NewId(random).ToString();
        }

        var json = Encoding.UTF8.GetBytes(new JsonObject { ["Records"] = records }.ToJsonString());
        using var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(json);
        }

        var suffix = string.Concat(Enumerable.Range(0, 16).Select(_ => Alphabet[random.Next(Alphabet.Length)]));
        var key = CloudTrailObjectName.Key(OrganizationId, Accounts[index % Accounts.Length], Regions[index / Accounts.Length % Regions.Length], FirstDelivery.AddMinutes(index / 4 * 5), suffix);
        return new WorkerObject(key, gzipped.ToArray(), records.Count, json.Length);
    }

    private static Guid NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
