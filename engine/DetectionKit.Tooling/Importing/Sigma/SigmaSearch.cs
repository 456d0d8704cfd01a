using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary>
/// A search identifier of a Sigma detection (<c>selection</c>, <c>filter_main_*</c>): a map of field
/// matches that must all hold, or a list of such maps of which one must hold.
/// </summary>
/// <param name="Name">The identifier, as the condition names it.</param>
/// <param name="Alternatives">The maps (one for a map, several for a list of maps); each one's field matches all hold.</param>
/// <param name="Location">Where the identifier is written.</param>
public sealed record SigmaSearch(string Name, IReadOnlyList<IReadOnlyList<SigmaFieldMatch>> Alternatives, SourceLocation Location);
