using DetectionKit.Engine.Rules;

namespace DetectionKit.Engine.Coverage;

/// <summary>The rules of one pack, counted by their declared severity; <see cref="Disabled"/> are loaded but do not run.</summary>
public sealed record PackCoverage(string Pack, IReadOnlyList<string> RuleIds, IReadOnlyDictionary<Severity, int> BySeverity, int Disabled);
