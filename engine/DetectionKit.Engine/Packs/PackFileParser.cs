using System.Text.Json.Nodes;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Loading;

namespace DetectionKit.Engine.Packs;

/// <summary>Reads <c>&lt;name&gt;.pack.yml</c> files, checked against <c>pack.schema.json</c>.</summary>
public static class PackFileParser
{
    private static readonly Lazy<SchemaValidator> Schema = new(() => SchemaValidator.FromResource("pack.schema.json"));

    public static IReadOnlyList<PackDefinition> LoadAll(string rulesRoot, ICollection<Diagnostic> diagnostics)
    {
        var packs = new List<PackDefinition>();
        foreach (var path in Directory.EnumerateFiles(rulesRoot, "*.pack.y*ml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (Parse(path, rulesRoot, diagnostics) is { } pack)
            {
                packs.Add(pack);
            }
        }

        return packs;
    }

    /// <summary>
    /// Reads one pack file. A file that breaks its schema is still read as far as it is well formed
    /// (<see cref="PackDefinition.IsValid"/> false), so <c>validate</c> reports its entries that select
    /// nothing together with the schema's problems; null only when it is not YAML holding a mapping.
    /// </summary>
    public static PackDefinition? Parse(string path, string rulesRoot, ICollection<Diagnostic> diagnostics)
    {
        if (Schema.Value.Read(path, diagnostics, out var valid) is not { Root: JsonObject root } document)
        {
            return null;
        }

        var relative = System.IO.Path.GetRelativePath(System.IO.Path.GetFullPath(rulesRoot), System.IO.Path.GetFullPath(path)).Replace('\\', '/');
        var name = relative[..relative.LastIndexOf(".pack.", StringComparison.Ordinal)];
        return new PackDefinition(
            name,
            System.IO.Path.GetFullPath(path),
            JsonValues.Text(root["description"]),
            Entries(root["rules"]).Select(g => new IdGlob(g)).ToList(),
            Entries(root["tags"]),
            Entries(root["packs"]),
            Entries(root["exclude"]).Select(g => new IdGlob(g)).ToList())
        {
            Positions = document.Positions,
            IsValid = valid,
        };
    }

    // Every item keeps its place, so an entry's diagnostics point at its line: one the schema refused
    // (a number, a map) stands as its JSON text, which matches no rule.
    private static IReadOnlyList<string> Entries(JsonNode? node) =>
        node is JsonArray array ? array.Select(item => JsonValues.Text(item) ?? item?.ToJsonString() ?? "null").ToList() : [];
}
