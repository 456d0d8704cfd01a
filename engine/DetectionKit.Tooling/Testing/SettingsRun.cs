using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Tooling.Testing;

/// <summary>
/// What <c>test --settings FILE</c> found besides the snapshots (which stay recorded with the rules'
/// defaults): the file's problems (failures), the cases whose verdict the settings change, and the
/// tested rules the settings disable.
/// </summary>
public sealed record SettingsRun(string Path, IReadOnlyList<Diagnostic> Problems, IReadOnlyList<SettingsEffect> Effects, IReadOnlyList<string> DisabledRules)
{
    public int Failed => Problems.Count(p => p.IsError);
}
