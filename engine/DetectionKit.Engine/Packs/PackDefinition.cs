using DetectionKit.Engine.Rules;

namespace DetectionKit.Engine.Packs;

/// <summary>A pack file: rules selected by id globs, tags and folder packs, minus exclusions.</summary>
public sealed record PackDefinition(
    string Name,
    string Path,
    string? Description,
    IReadOnlyList<IdGlob> Rules,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Packs,
    IReadOnlyList<IdGlob> Exclude)
{
    public bool Includes(RuleDefinition rule) =>
        (Rules.Any(g => g.Matches(rule.Id))
            || rule.Tags.Any(t => Tags.Contains(t, StringComparer.Ordinal))
            || Packs.Any(p => PackSelector.IsInFolder(rule, p)))
        && !Exclude.Any(g => g.Matches(rule.Id));
}
