using System.Text.RegularExpressions;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Cli.Reporting;

/// <summary>
/// The parameters of a rules directory as one markdown table, one row per rule and parameter, in rule
/// id order: what an organisation's settings file can set. The README's table is this output.
/// </summary>
internal sealed partial class MarkdownParameterTableRenderer
{
    public void Render(IReadOnlyList<RuleDefinition> rules, TextWriter output)
    {
        output.WriteLine("| rule | parameter | type | default | what it is |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var rule in rules.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            foreach (var parameter in rule.Parameters)
            {
                output.WriteLine($"| `{rule.Id}` | `{parameter.Name}` | {parameter.Type.ToName()} | `{parameter.DefaultJson?.ToJsonString() ?? "null"}` | {Cell(parameter.Description)} |");
            }
        }
    }

    private static string Cell(string text) => Whitespace().Replace(text.Trim(), " ").Replace("|", "\\|", StringComparison.Ordinal);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
