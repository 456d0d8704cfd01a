using DetectionKit.Engine.Coverage;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Cli.Reporting;

/// <summary>The coverage report for a terminal: summary, packs, the matrix by tactic, Stratus, thin rules.</summary>
internal sealed class TextCoverageRenderer : ICoverageRenderer
{
    private static readonly Severity[] Severities = [.. Enum.GetValues<Severity>().Reverse()];

    public void Render(CoverageReport report, TextWriter output)
    {
        output.WriteLine($"DetectionKit coverage of {DiagnosticFormatter.Relative(report.RulesDirectory)}: {report.Rules} rules, {report.EnabledRules} enabled");
        output.WriteLine($"{report.AttackVersion}: {report.CoveredTechniques} of {report.MatrixTechniques} techniques, {report.CoveredTactics} of {report.Tactics.Count} tactics covered");
        if (report.Stratus is { } stratus)
        {
            output.WriteLine($"Stratus Red Team: {stratus.Caught} of {stratus.Techniques.Count} techniques caught");
        }

        Packs(report, output);
        Matrix(report, output);
        Stratus(report, output);
        output.WriteLine();
        output.WriteLine("Rules with the fewest cases (positive + negative)");
        foreach (var rule in report.FewestCases)
        {
            output.WriteLine($"  {rule.Total,3} ({rule.Positive}+ {rule.Negative}-)  {rule.RuleId}");
        }
    }

    private static void Packs(CoverageReport report, TextWriter output)
    {
        output.WriteLine();
        var width = Math.Max(20, report.Packs.Select(p => p.Pack.Length).DefaultIfEmpty(0).Max() + 2);
        output.WriteLine($"{"Rules by pack".PadRight(width)} rules {string.Join(" ", Severities.Select(s => s.ToName().PadLeft(8)))} disabled");
        foreach (var pack in report.Packs)
        {
            output.WriteLine($"  {pack.Pack.PadRight(width - 2)} {pack.RuleIds.Count,5} {string.Join(" ", Severities.Select(s => pack.BySeverity[s].ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(8)))} {pack.Disabled,8}");
        }

        output.WriteLine($"  {"enabled, all packs".PadRight(width - 2)} {report.EnabledRules,5} {string.Join(" ", Severities.Select(s => report.BySeverity[s].ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(8)))}");
    }

    private static void Matrix(CoverageReport report, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("ATT&CK techniques by tactic");
        foreach (var tactic in report.Tactics)
        {
            output.WriteLine($"  {tactic.Tactic.Name} ({tactic.Tactic.Id}): {tactic.CoveredTechniques} of {tactic.Techniques.Count}");
            foreach (var technique in tactic.Techniques.Where(t => t.Covered))
            {
                output.WriteLine($"    {technique.Technique.Id} {technique.Technique.Name}: {string.Join(", ", technique.RuleIds)}");
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

    private static void Stratus(CoverageReport report, TextWriter output)
    {
        output.WriteLine();
        if (report.Stratus is not { } stratus)
        {
            output.WriteLine("Stratus Red Team: no captures found (pass --stratus DIR)");
            return;
        }

        output.WriteLine($"Stratus Red Team techniques ({DiagnosticFormatter.Relative(stratus.Directory)})");
        var width = stratus.Techniques.Select(t => t.Id.Length).DefaultIfEmpty(0).Max();
        foreach (var technique in stratus.Techniques)
        {
            output.WriteLine($"  {(technique.Caught ? "caught" : "MISSED")}  {technique.Id.PadRight(width)}  {(technique.Caught ? string.Join(", ", technique.RuleIds) : "-")}");
        }
    }
}
