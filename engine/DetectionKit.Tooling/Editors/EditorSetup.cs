namespace DetectionKit.Tooling.Editors;

/// <summary>What <see cref="EditorSetupWriter"/> wrote, and what it left for the author to do by hand.</summary>
/// <param name="Written">Files created or updated, full paths.</param>
/// <param name="Warnings">Files it could not update (with why and what to add), for the author.</param>
public sealed record EditorSetup(IReadOnlyList<string> Written, IReadOnlyList<string> Warnings);
