using DetectionKit.Scripting;

namespace DetectionKit.Tooling.Coverage;

/// <summary>
/// The rules of one pack, its enabled rules counted by declared severity (<see cref="BySeverity"/>)
/// and by the highest severity their snapshots show (<see cref="ByHighestSeverity"/>);
/// <see cref="Disabled"/> are loaded but do not run.
/// </summary>
public sealed record PackCoverage(string Pack, IReadOnlyList<string> RuleIds, IReadOnlyDictionary<AlertSeverity, int> BySeverity, IReadOnlyDictionary<AlertSeverity, int> ByHighestSeverity, int Disabled);
