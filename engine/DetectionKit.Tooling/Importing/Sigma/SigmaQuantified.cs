namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary>
/// <c>1 of selection_*</c>, <c>all of filter*</c>, <c>1 of them</c>, <c>all of them</c>: one or all
/// of the search identifiers the pattern matches (<c>*</c> any run of characters); <c>them</c> is
/// every identifier not starting with <c>_</c>.
/// </summary>
/// <param name="All">True for <c>all of</c>, false for <c>1 of</c> (or <c>any of</c>).</param>
/// <param name="Pattern">The pattern, or null for <c>them</c>.</param>
/// <param name="Offset">Where the pattern (or <c>them</c>) starts in the condition text (0-based), for messages.</param>
public sealed record SigmaQuantified(bool All, string? Pattern, int Offset) : SigmaCondition
{
    public override string ToString() => $"{(All ? "all" : "1")} of {Pattern ?? "them"}";
}
