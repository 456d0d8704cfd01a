using DetectionKit.Engine.Diagnostics;
using DetectionKit.Scripting;

namespace DetectionKit.Tooling.Coverage;

/// <summary>
/// What a rules directory covers, computed once and rendered by the CLI as text, JSON or HTML:
/// rules by pack and severity, the ATT&amp;CK matrix with the rules behind each technique, the
/// captures the rules catch, and the rules with the fewest cases.
/// ATT&amp;CK and capture coverage count enabled rules only, the ones that run. Severities are
/// reported twice: as declared in YAML, and as the highest the rules' verified snapshots show.
/// </summary>
public sealed record CoverageReport
{
    public required string RulesDirectory { get; init; }

    public string AttackVersion => AttackMatrix.Version;

    /// <summary>Rules that loaded (and compiled), enabled or not.</summary>
    public required int Rules { get; init; }

    public required int EnabledRules { get; init; }

    public required IReadOnlyList<PackCoverage> Packs { get; init; }

    /// <summary>Enabled rules by declared severity (scripts may raise or lower it per alert).</summary>
    public required IReadOnlyDictionary<AlertSeverity, int> BySeverity { get; init; }

    /// <summary>Enabled rules by the highest severity their snapshots show (<see cref="RuleSeverity.Highest"/>).</summary>
    public required IReadOnlyDictionary<AlertSeverity, int> ByHighestSeverity { get; init; }

    /// <summary>Every loaded rule's declared and snapshot severity, by id.</summary>
    public required IReadOnlyList<RuleSeverity> Severities { get; init; }

    /// <summary>The matrix: every tactic with all its techniques, in ATT&amp;CK order.</summary>
    public required IReadOnlyList<TacticCoverage> Tactics { get; init; }

    public required IReadOnlyList<UnknownTechnique> UnknownTechniques { get; init; }

    public required IReadOnlyList<string> RulesWithoutMitre { get; init; }

    /// <summary>Null when there is no capture directory to replay.</summary>
    public CaptureCoverage? Captures { get; init; }

    /// <summary>The rules with the fewest cases, fewest first.</summary>
    public required IReadOnlyList<RuleCases> FewestCases { get; init; }

    /// <summary>Problems loading or compiling rules, unreadable snapshots, and rule exceptions during the capture replay.</summary>
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    /// <summary>Distinct techniques (not sub-techniques) of the matrix with at least one rule.</summary>
    public int CoveredTechniques => Tactics.SelectMany(t => t.Techniques).Where(t => t.Covered).Select(t => t.Technique.Id).Distinct().Count();

    public int MatrixTechniques => Tactics.SelectMany(t => t.Techniques).Select(t => t.Technique.Id).Distinct().Count();

    public int CoveredTactics => Tactics.Count(t => t.Covered);

    /// <summary>Enabled rules that can alert at high or critical.</summary>
    public int HighOrAboveRules => Severities.Count(s => s.Enabled && s.AlertsHighOrAbove);

    /// <summary>Rules whose snapshots show a severity other than the declared one.</summary>
    public IEnumerable<RuleSeverity> SeveritiesDifferingFromDeclared => Severities.Where(s => s.DiffersFromDeclared);

    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
