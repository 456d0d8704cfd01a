using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Packs;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Tooling.Validation;

/// <summary>A pack file whose entries select nothing is almost always a typo or a renamed rule.</summary>
public static class PackValidator
{
    public static IEnumerable<Diagnostic> Validate(PackDefinition pack, IReadOnlyList<RuleDefinition> rules)
    {
        for (var i = 0; i < pack.Rules.Count; i++)
        {
            var glob = pack.Rules[i];
            if (glob.IsWellFormed && !rules.Any(r => glob.Matches(r.Id)))
            {
                yield return Diagnostic.Error(DiagnosticCodes.UnknownPack, pack.LocationOf($"/rules/{i}"), $"pack '{pack.Name}': rules entry '{glob.Text}' matches no rule id");
            }
        }

        for (var i = 0; i < pack.Packs.Count; i++)
        {
            var folder = pack.Packs[i];
            if (!rules.Any(r => PackSelector.IsInFolder(r, folder)))
            {
                yield return Diagnostic.Error(DiagnosticCodes.UnknownPack, pack.LocationOf($"/packs/{i}"), $"pack '{pack.Name}': packs entry '{folder}' is not a folder of rules");
            }
        }

        for (var i = 0; i < pack.Tags.Count; i++)
        {
            var tag = pack.Tags[i];
            if (!rules.Any(r => r.Tags.Contains(tag, StringComparer.Ordinal)))
            {
                yield return Diagnostic.Warning(DiagnosticCodes.UnknownPack, pack.LocationOf($"/tags/{i}"), $"pack '{pack.Name}': no rule carries tag '{tag}'");
            }
        }

        // A pack its schema refused selects nothing, and the schema has said why.
        if (pack.IsValid && !rules.Any(pack.Includes))
        {
            yield return Diagnostic.Error(DiagnosticCodes.UnknownPack, new SourceLocation(pack.Path, 1, 1), $"pack '{pack.Name}' selects no rule");
        }
    }
}
