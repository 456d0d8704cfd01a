using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Packs;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Engine.Validation;

/// <summary>A pack file whose entries select nothing is almost always a typo or a renamed rule.</summary>
public static class PackValidator
{
    public static IEnumerable<Diagnostic> Validate(PackDefinition pack, IReadOnlyList<RuleDefinition> rules)
    {
        var at = new SourceLocation(pack.Path, 1, 1);
        foreach (var glob in pack.Rules.Where(g => !rules.Any(r => g.Matches(r.Id))))
        {
            yield return Diagnostic.Error(DiagnosticCodes.UnknownPack, at, $"pack '{pack.Name}': rules entry '{glob.Text}' matches no rule id");
        }

        foreach (var folder in pack.Packs.Where(f => !rules.Any(r => PackSelector.IsInFolder(r, f))))
        {
            yield return Diagnostic.Error(DiagnosticCodes.UnknownPack, at, $"pack '{pack.Name}': packs entry '{folder}' is not a folder of rules");
        }

        foreach (var tag in pack.Tags.Where(t => !rules.Any(r => r.Tags.Contains(t, StringComparer.Ordinal))))
        {
            yield return Diagnostic.Warning(DiagnosticCodes.UnknownPack, at, $"pack '{pack.Name}': no rule carries tag '{tag}'");
        }

        if (!rules.Any(pack.Includes))
        {
            yield return Diagnostic.Error(DiagnosticCodes.UnknownPack, at, $"pack '{pack.Name}' selects no rule");
        }
    }
}
