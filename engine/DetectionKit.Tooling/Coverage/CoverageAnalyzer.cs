using DetectionKit.Engine.Compilation.Caching;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;
using DetectionKit.Tooling.Captures;

namespace DetectionKit.Tooling.Coverage;

/// <summary>
/// Loads and compiles a rules directory, reads the severities its verified snapshots record, replays
/// the captures through it and the alert pipeline, and returns the <see cref="CoverageReport"/>.
/// </summary>
public static class CoverageAnalyzer
{
    /// <summary>How many rules the "fewest cases" list shows.</summary>
    public const int FewestCasesShown = 10;

    /// <param name="rulesDirectory">The rules root.</param>
    /// <param name="capturesDirectory">A folder of captures (see <see cref="CaptureDirectory"/>); null or a missing folder leaves the captures section out.</param>
    /// <param name="cache">Where compiled rules are kept between loads; none when null.</param>
    public static CoverageReport Analyze(string rulesDirectory, string? capturesDirectory, RuleCache? cache = null)
    {
        var loaded = RuleSetBuilder.Build(rulesDirectory, cache: cache);
        var rules = loaded.Compiled.Select(c => c.Definition).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var enabled = rules.Where(r => r.Enabled).ToList();
        var diagnostics = loaded.Diagnostics.ToList();
        var severities = rules.Select(r => SnapshotSeverities.Of(r, diagnostics)).ToList();
        var highest = severities.ToDictionary(s => s.RuleId, s => s.Highest, StringComparer.Ordinal);
        var captures = capturesDirectory is not null && Directory.Exists(capturesDirectory)
            ? CaptureCoverageAnalyzer.Analyze(loaded.RuleSet, loaded.Definitions, new CaptureDirectory(capturesDirectory), diagnostics)
            : null;
        var (tactics, unknown) = AttackCoverage.Map(enabled, severities.Where(s => s.AlertsHighOrAbove).Select(s => s.RuleId).ToHashSet(StringComparer.Ordinal));

        return new CoverageReport
        {
            RulesDirectory = Path.GetFullPath(rulesDirectory),
            Rules = rules.Count,
            EnabledRules = enabled.Count,
            Packs = [.. rules.GroupBy(r => r.Pack).OrderBy(g => g.Key, StringComparer.Ordinal).Select(pack => Pack(pack, highest))],
            BySeverity = CountBySeverity(enabled.Select(r => r.Severity)),
            ByHighestSeverity = CountBySeverity(enabled.Select(r => highest[r.Id])),
            Severities = severities,
            Tactics = tactics,
            UnknownTechniques = unknown,
            RulesWithoutMitre = [.. enabled.Where(r => r.Mitre.Count == 0).Select(r => r.Id)],
            Captures = captures,
            FewestCases = [.. rules.Select(Cases).OrderBy(c => c.Total).ThenBy(c => c.Positive).ThenBy(c => c.RuleId, StringComparer.Ordinal).Take(FewestCasesShown)],
            Diagnostics = [.. diagnostics.Distinct()],
        };
    }

    private static PackCoverage Pack(IGrouping<string, RuleDefinition> pack, Dictionary<string, AlertSeverity> highest)
    {
        var enabled = pack.Where(r => r.Enabled).ToList();
        return new(pack.Key, [.. pack.Select(r => r.Id)], CountBySeverity(enabled.Select(r => r.Severity)), CountBySeverity(enabled.Select(r => highest[r.Id])), pack.Count(r => !r.Enabled));
    }

    private static Dictionary<AlertSeverity, int> CountBySeverity(IEnumerable<AlertSeverity> severities)
    {
        var counts = Enum.GetValues<AlertSeverity>().ToDictionary(s => s, _ => 0);
        foreach (var severity in severities)
        {
            counts[severity]++;
        }

        return counts;
    }

    private static RuleCases Cases(RuleDefinition rule) =>
        new(rule.Id, rule.Pack, rule.Tests.Count(t => t.Expect), rule.Tests.Count(t => !t.Expect));
}
