using System.IO.Compression;
using System.Text.Json;

namespace DetectionKit.Tooling.Catalog;

/// <summary>Reads the catalog embedded in the engine: the generated botocore part and the hand-maintained supplement.</summary>
internal static class ApiCatalogResources
{
    public const string Generated = "api-catalog.json.gz";
    public const string Supplement = "api-catalog-supplement.txt";

    public static ApiCatalog Load()
    {
        var (version, generated) = ReadGenerated(Open(Generated));
        using var supplement = new StreamReader(Open(Supplement));
        return new ApiCatalog(generated.Concat(ParseSupplement(supplement.ReadToEnd())), version);
    }

    /// <summary>
    /// <c>{"botocore": "1.x", "eventSources": {"s3.amazonaws.com": ["GetObject", ...], ...}}</c>, gzipped.
    /// </summary>
    public static (string? Version, List<(string EventSource, string EventName)> Operations) ReadGenerated(Stream gzipped)
    {
        using var json = new GZipStream(gzipped, CompressionMode.Decompress);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var operations = root.GetProperty("eventSources").EnumerateObject()
            .SelectMany(source => source.Value.EnumerateArray().Select(name => (source.Name, name.GetString()!)))
            .ToList();
        return (root.TryGetProperty("botocore", out var version) ? version.GetString() : null, operations);
    }

    /// <summary>Lines of <c>eventSource eventName [eventName ...]</c>; <c>#</c> starts a comment.</summary>
    public static IEnumerable<(string EventSource, string EventName)> ParseSupplement(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split('#', 2)[0].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            foreach (var name in fields.Skip(1))
            {
                yield return (fields[0], name);
            }
        }
    }

    private static Stream Open(string name) =>
        typeof(ApiCatalogResources).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} is missing from the engine assembly");
}
