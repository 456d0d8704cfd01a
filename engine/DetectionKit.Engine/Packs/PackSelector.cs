using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Engine.Packs;

/// <summary>
/// Resolves pack names to a rule filter. A name is a pack file (<c>rules/&lt;name&gt;.pack.yml</c>) if
/// one exists, else a folder under <c>rules/</c> (with the folders below it). A name that is neither
/// is an error listing what exists.
/// </summary>
public static class PackSelector
{
    public static bool IsInFolder(RuleDefinition rule, string folder) =>
        rule.Pack == folder || rule.Pack.StartsWith(folder + "/", StringComparison.Ordinal);

    /// <returns>The filter, or null (with a diagnostic) when a name is unknown or a pack file is invalid.</returns>
    public static Func<RuleDefinition, bool>? Resolve(IReadOnlyList<string> names, string rulesRoot, IReadOnlyList<RuleDefinition> rules, ICollection<Diagnostic> diagnostics)
    {
        if (names.Count == 0)
        {
            return _ => true;
        }

        var errorsBefore = diagnostics.Count;
        var files = PackFileParser.LoadAll(rulesRoot, diagnostics).ToDictionary(p => p.Name, StringComparer.Ordinal);
        if (diagnostics.Count > errorsBefore)
        {
            return null;
        }

        var folders = rules.SelectMany(r => Ancestors(r.Pack)).ToHashSet(StringComparer.Ordinal);
        var selectors = new List<Func<RuleDefinition, bool>>();
        foreach (var raw in names)
        {
            var name = raw.Trim('/');
            if (files.TryGetValue(name, out var pack))
            {
                selectors.Add(pack.Includes);
            }
            else if (folders.Contains(name))
            {
                selectors.Add(rule => IsInFolder(rule, name));
            }
            else
            {
                var known = files.Keys.Select(k => k + " (pack file)").Concat(folders.Order(StringComparer.Ordinal));
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnknownPack, new SourceLocation(rulesRoot), $"no pack named '{name}'; packs here: {string.Join(", ", known)}"));
            }
        }

        return diagnostics.Count > errorsBefore ? null : rule => selectors.Any(select => select(rule));
    }

    /// <summary><c>aws/iam/users</c> gives <c>aws</c>, <c>aws/iam</c>, <c>aws/iam/users</c>.</summary>
    private static IEnumerable<string> Ancestors(string pack)
    {
        var parts = pack.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i <= parts.Length; i++)
        {
            yield return string.Join('/', parts[..i]);
        }
    }
}
