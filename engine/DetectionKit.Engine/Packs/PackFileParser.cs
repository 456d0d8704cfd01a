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

    public static PackDefinition? Parse(string path, string rulesRoot, ICollection<Diagnostic> diagnostics)
    {
        if (Schema.Value.ReadValid(path, diagnostics) is not { Root: JsonObject root } document)
        {
            return null;
        }

        var relative = System.IO.Path.GetRelativePath(System.IO.Path.GetFullPath(rulesRoot), System.IO.Path.GetFullPath(path)).Replace('\\', '/');
        var name = relative[..relative.LastIndexOf(".pack.", StringComparison.Ordinal)];
        return new PackDefinition(
            name,
            System.IO.Path.GetFullPath(path),
            root["description"]?.GetValue<string>(),
            Strings(root["rules"]).Select(g => new IdGlob(g)).ToList(),
            Strings(root["tags"]),
            Strings(root["packs"]),
            Strings(root["exclude"]).Select(g => new IdGlob(g)).ToList())
        {
            Positions = document.Positions,
        };
    }

    private static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(item => item!.GetValue<string>()).ToList() : [];
}
