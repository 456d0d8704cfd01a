using System.Globalization;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;
using DetectionKit.Tooling.Coverage;

namespace DetectionKit.Cli.Reporting;

/// <summary>The coverage report for a terminal: summary, packs and severities, the matrix by tactic, captures, thin rules.</summary>
internal sealed class TextCoverageRenderer : ICoverageRenderer
{
    private static readonly AlertSeverity[] Severities = [.. Enum.GetValues<AlertSeverity>().Reverse()];

    public void Render(CoverageReport report, TextWriter output)
    {
        output.WriteLine($"DetectionKit coverage of {DiagnosticFormatter.Relative(report.RulesDirectory)}: {report.Rules} rules, {report.EnabledRules} enabled");
        output.WriteLine($"{report.AttackVersion}: {report.CoveredTechniques} of {report.MatrixTechniques} techniques, {report.CoveredTactics} of {report.Tactics.Count} tactics covered");
        output.WriteLine($"Rules that can alert at high or critical: {report.HighOrAboveRules} of {report.EnabledRules} enabled (highest severity in their snapshots; {report.BySeverity[AlertSeverity.High] + report.BySeverity[AlertSeverity.Critical]} declare high or critical)");
        if (report.Captures is { } captures)
        {
            output.WriteLine($"Captures: {captures.Caught} of {captures.Captures.Count} caught ({CaptureLabel.Of(captures)})");
        }

        Packs(report, output, "Rules by pack, declared severity", p => p.BySeverity, report.BySeverity);
        Packs(report, output, "Rules by pack, highest severity in snapshots", p => p.ByHighestSeverity, report.ByHighestSeverity);
        Differences(report, output);
        Matrix(report, output);
        Captures(report, output);
        output.WriteLine();
        output.WriteLine("Rules with the fewest cases (positive + negative)");
        foreach (var rule in report.FewestCases)
        {
            output.WriteLine($"  {rule.Total,3} ({rule.Positive}+ {rule.Negative}-)  {rule.RuleId}");
        }
    }

    private static void Packs(CoverageReport report, TextWriter output, string heading, Func<PackCoverage, IReadOnlyDictionary<AlertSeverity, int>> counts, IReadOnlyDictionary<AlertSeverity, int> total)
    {
        output.WriteLine();
        var width = Math.Max(heading.Length + 1, report.Packs.Select(p => p.Pack.Length).DefaultIfEmpty(0).Max() + 2);
        output.WriteLine($"{heading.PadRight(width)} rules {string.Join(" ", Severities.Select(s => s.ToName().PadLeft(8)))} disabled");
        foreach (var pack in report.Packs)
        {
            output.WriteLine($"  {pack.Pack.PadRight(width - 2)} {pack.RuleIds.Count,5} {Row(counts(pack))} {pack.Disabled,8}");
        }

        output.WriteLine($"  {"enabled, all packs".PadRight(width - 2)} {report.EnabledRules,5} {Row(total)}");
    }

    private static string Row(IReadOnlyDictionary<AlertSeverity, int> counts) =>
        string.Join(" ", Severities.Select(s => counts[s].ToString(CultureInfo.InvariantCulture).PadLeft(8)));

    private static void Differences(CoverageReport report, TextWriter output)
    {
        var differing = report.SeveritiesDifferingFromDeclared.ToList();
        if (differing.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("Rules whose snapshots show another severity than declared");
        var width = differing.Max(d => d.RuleId.Length);
        foreach (var rule in differing)
        {
            output.WriteLine($"  {rule.RuleId.PadRight(width)}  declared {rule.Declared.ToName()}, snapshots up to {rule.InSnapshot!.Value.ToName()}");
        }
    }

    private static void Matrix(CoverageReport report, TextWriter output)
    {
        var highest = report.Severities.ToDictionary(s => s.RuleId, s => s.Highest, StringComparer.Ordinal);
        output.WriteLine();
        output.WriteLine("ATT&CK techniques by tactic (rules that can alert at high or above, and below)");
        foreach (var tactic in report.Tactics)
        {
            output.WriteLine($"  {tactic.Tactic.Name} ({tactic.Tactic.Id}): {tactic.CoveredTechniques} of {tactic.Techniques.Count}");
            foreach (var technique in tactic.Techniques.Where(t => t.Covered))
            {
                output.WriteLine($"    {technique.Technique.Id} {technique.Technique.Name}: {technique.HighOrAbove} high or above, {technique.BelowHigh} below: {string.Join(", ", technique.RuleIds.Select(r => $"{r} ({highest[r].ToName()})"))}");
                foreach (var sub in technique.SubTechniques)
                {
                    output.WriteLine($"      {sub.Technique.Id} {sub.Technique.Name}: {string.Join(", ", sub.RuleIds)}");
                }
            }

            var gaps = tactic.Techniques.Where(t => !t.Covered).Select(t => t.Technique.Id).ToList();
            if (gaps.Count > 0)
            {
                output.WriteLine($"    not covered: {string.Join(" ", gaps)}");
            }
        }

        foreach (var unknown in report.UnknownTechniques)
        {
            output.WriteLine($"  unknown id {unknown.Id} (not in the embedded matrix): {string.Join(", ", unknown.RuleIds)}");
        }

        if (report.RulesWithoutMitre.Count > 0)
        {
            output.WriteLine($"  rules without mitre ids: {string.Join(", ", report.RulesWithoutMitre)}");
        }
    }

    private static void Captures(CoverageReport report, TextWriter output)
    {
        output.WriteLine();
        if (report.Captures is not { } captures)
        {
            output.WriteLine("Captures: none found (pass --captures DIR)");
            return;
        }

        output.WriteLine($"Captures ({DiagnosticFormatter.Relative(captures.Directory)}): {CaptureLabel.Of(captures)}; alerts after dedup and thresholds");
        var width = captures.Captures.Select(c => c.Name.Length).DefaultIfEmpty(0).Max();
        foreach (var capture in captures.Captures)
        {
            var status = capture.Caught ? "caught" : capture.BelowThreshold ? "BELOW THRESHOLD" : "MISSED";
            var detail = capture.Caught
                ? string.Join(", ", capture.Alerts.Select(a => $"{a.RuleId} ({a.Severity.ToName()}, {CaptureLabel.AlertCount(a)})"))
                : capture.BelowThreshold ? $"{capture.Matches} matches, no alert reached its threshold" : "-";
            output.WriteLine($"  {status,-15}  {capture.Name.PadRight(width)}  {detail}");
        }
    }
}
