using System.CommandLine;
using DetectionKit.Cli.Hosting;
using DetectionKit.Cli.Options;
using DetectionKit.Cli.Reporting;
using DetectionKit.Engine.Loading;
using DetectionKit.Tooling.Documentation;

namespace DetectionKit.Cli.Commands;

/// <summary>
/// <c>docs rule-api</c>: the rule-API reference, generated from the doc comments of DetectionKit.Scripting;
/// <c>docs parameters</c>: the table of the rules' parameters the README shows.
/// </summary>
internal static class DocsCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string?>("--out") { Description = "Write the reference to this file (docs/rule-api.md in the repository) instead of stdout.", HelpName = "FILE" };
        var ruleApi = new Command("rule-api", "The rule-API reference as markdown: every public type and member rule scripts can use, with its signature and doc comment.")
        {
            output,
        };
        ruleApi.SetAction(parse => Execute(context, parse.GetValue(output)));
        var rules = CommonOptions.Rules();
        var readme = new Option<string?>("--readme") { Description = "Replace the table between the 'parameters' markers of this markdown file (README.md) instead of printing it.", HelpName = "FILE" };
        var parameters = new Command("parameters", "The parameters the rules declare, as a markdown table (the README's, between its 'parameters' markers): what a settings file can set.")
        {
            rules,
            readme,
        };
        parameters.SetAction(parse => Parameters(context, parse.GetValue(rules)!, parse.GetValue(readme)));
        return new Command("docs", "Generate documentation.") { ruleApi, parameters };
    }

    private static int Parameters(CliContext context, string rulesDir, string? readme)
    {
        if (!Directory.Exists(rulesDir))
        {
            context.Error.WriteLine(CommonOptions.RulesDirectoryMissing(rulesDir));
            return ExitCodes.Usage;
        }

        var loaded = RuleLoader.Load(rulesDir);
        var formatter = new DiagnosticFormatter(DiagnosticStyle.Text);
        foreach (var problem in loaded.Diagnostics.Where(d => d.IsError))
        {
            context.Error.WriteLine(formatter.Format(problem));
        }

        var table = new StringWriter { NewLine = "\n" };
        new MarkdownParameterTableRenderer().Render(loaded.Rules, table);
        if (readme is null)
        {
            context.Out.Write(table.ToString());
        }
        else if (!TryReplaceTable(readme, table.ToString(), out var problem))
        {
            context.Error.WriteLine($"error: {readme}: {problem}");
            return ExitCodes.Usage;
        }
        else
        {
            context.Error.WriteLine($"wrote the table of {loaded.Rules.Sum(r => r.Parameters.Count)} parameters into {readme}");
        }

        return loaded.Diagnostics.Any(d => d.IsError) ? ExitCodes.Failures : ExitCodes.Success;
    }

    private static bool TryReplaceTable(string path, string table, out string problem)
    {
        problem = string.Empty;
        if (!File.Exists(path))
        {
            problem = "does not exist";
            return false;
        }

        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var start = text.IndexOf(MarkdownParameterTableRenderer.StartMarker + "\n", StringComparison.Ordinal);
        var end = start < 0 ? -1 : text.IndexOf(MarkdownParameterTableRenderer.EndMarker, start, StringComparison.Ordinal);
        if (start < 0 || end < 0)
        {
            problem = $"has no lines '{MarkdownParameterTableRenderer.StartMarker}' and '{MarkdownParameterTableRenderer.EndMarker}' to put the table between";
            return false;
        }

        var from = start + MarkdownParameterTableRenderer.StartMarker.Length + 1;
        File.WriteAllText(path, text[..from] + table + text[end..]);
        return true;
    }

    private static int Execute(CliContext context, string? output)
    {
        var reference = RuleApiReader.ReadRuleApi();
        var renderer = new MarkdownRuleApiRenderer();
        if (output is null)
        {
            renderer.Render(reference, context.Out);
            return ExitCodes.Success;
        }

        using (var file = new StreamWriter(output) { NewLine = "\n" })
        {
            renderer.Render(reference, file);
        }

        context.Error.WriteLine($"wrote the rule-API reference ({reference.Types.Count} types, {reference.Types.Sum(type => type.Members.Count)} members) to {output}");
        return ExitCodes.Success;
    }
}
