using System.Text;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;
using DetectionKit.Tooling.Coverage;

namespace DetectionKit.Cli.Reporting;

/// <summary>
/// The ATT&amp;CK matrix as a picture: tactics as columns, techniques as cells, a covered cell's
/// colour darkening with the number of rules behind it, badges for how many of them can alert at
/// high or above and how many stay below, and a hover title naming them with their severities.
/// </summary>
internal static class HtmlAttackMatrix
{
    public static void Write(CoverageReport report, StringBuilder html)
    {
        var highest = report.Severities.ToDictionary(s => s.RuleId, s => s.Highest, StringComparer.Ordinal);
        html.Append("<div class=\"matrix\">\n");
        foreach (var tactic in report.Tactics)
        {
            html.Append("<div class=\"tactic\"><div class=\"tactic-head\">").Append(HtmlText.Encode(tactic.Tactic.Name))
                .Append("<span class=\"count\">").Append(tactic.Tactic.Id).Append(" · ").Append(tactic.CoveredTechniques).Append('/').Append(tactic.Techniques.Count).Append("</span></div>\n");
            foreach (var technique in tactic.Techniques)
            {
                Cell(technique, highest, html);
            }

            html.Append("</div>\n");
        }

        html.Append("</div>\n<div class=\"legend\">rules per technique:");
        foreach (var (css, label) in new[] { ("c0", "none"), ("c1", "1"), ("c2", "2"), ("c3", "3–4"), ("c4", "5 or more") })
        {
            html.Append("<span><span class=\"swatch ").Append(css).Append("\"></span>").Append(label).Append("</span>");
        }

        html.Append("<span><span class=\"badge hi\">n</span>can alert high or critical</span><span><span class=\"badge lo\">n</span>stay below high</span>")
            .Append("<span>(highest severity in the rules' snapshots) · hover a cell for its rules</span></div>\n");
    }

    private static void Cell(TechniqueCoverage technique, IReadOnlyDictionary<string, AlertSeverity> highest, StringBuilder html)
    {
        var title = new StringBuilder($"{technique.Technique.Id} {technique.Technique.Name}");
        title.Append(technique.Covered
            ? $"\n{technique.RuleIds.Count} rule{(technique.RuleIds.Count == 1 ? string.Empty : "s")}, {technique.HighOrAbove} high or above, {technique.BelowHigh} below:"
            : "\nno rule");
        foreach (var rule in technique.RuleIds)
        {
            title.Append("\n• ").Append(rule).Append(" (").Append(highest[rule].ToName()).Append(')');
        }

        foreach (var sub in technique.SubTechniques)
        {
            title.Append($"\n{sub.Technique.Id} {sub.Technique.Name}: {string.Join(", ", sub.RuleIds)}");
        }

        html.Append("<div class=\"cell ").Append(Shade(technique.RuleIds.Count)).Append("\" title=\"").Append(HtmlText.Attribute(title.ToString())).Append("\">")
            .Append(HtmlText.Encode(technique.Technique.Name)).Append("<span class=\"id\">").Append(technique.Technique.Id);
        if (technique.Covered)
        {
            html.Append(" · ").Append(technique.RuleIds.Count).Append(technique.RuleIds.Count == 1 ? " rule" : " rules");
        }

        html.Append("</span>");
        if (technique.Covered)
        {
            html.Append("<span class=\"badges\">");
            if (technique.HighOrAbove > 0)
            {
                html.Append("<span class=\"badge hi\">").Append(technique.HighOrAbove).Append(" high+</span>");
            }

            if (technique.BelowHigh > 0)
            {
                html.Append("<span class=\"badge lo\">").Append(technique.BelowHigh).Append(" lower</span>");
            }

            html.Append("</span>");
        }

        foreach (var sub in technique.SubTechniques)
        {
            html.Append("<span class=\"sub\">").Append(sub.Technique.Id[sub.Technique.Id.IndexOf('.', StringComparison.Ordinal)..]).Append(' ')
                .Append(HtmlText.Encode(sub.Technique.Name)).Append(" (").Append(sub.RuleIds.Count).Append(")</span>");
        }

        html.Append("</div>\n");
    }

    private static string Shade(int rules) => rules switch
    {
        0 => "c0",
        1 => "c1",
        2 => "c2",
        < 5 => "c3",
        _ => "c4",
    };
}
