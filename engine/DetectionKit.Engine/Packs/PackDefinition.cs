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
    /// <summary>Where each entry is written (<c>/rules/0</c>, <c>/packs/1</c>), for diagnostics; null when built in code.</summary>
    public Diagnostics.PositionMap? Positions { get; init; }

    /// <summary>False when the file broke <c>pack.schema.json</c> (reported): it is read as far as it was well formed, for its other problems, and selects nothing.</summary>
    public bool IsValid { get; init; } = true;

    /// <summary>The location of an entry, or of the file when positions are unknown.</summary>
    public Diagnostics.SourceLocation LocationOf(string pointer) =>
        Positions?.FindValue(pointer) ?? new Diagnostics.SourceLocation(Path, 1, 1);

    public bool Includes(RuleDefinition rule) =>
        IsValid
        && (Rules.Any(g => g.Matches(rule.Id))
            || rule.Tags.Any(t => Tags.Contains(t, StringComparer.Ordinal))
            || Packs.Any(p => PackSelector.IsInFolder(rule, p)))
        && !Exclude.Any(g => g.Matches(rule.Id));
}
