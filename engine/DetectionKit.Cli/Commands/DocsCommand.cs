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
        var parameters = new Command("parameters", "The parameters the rules declare, as a markdown table (the README's, between its 'parameters' markers): what a settings file can set.")
        {
            rules,
        };
        parameters.SetAction(parse => Parameters(context, parse.GetValue(rules)!));
        return new Command("docs", "Generate documentation.") { ruleApi, parameters };
    }

    private static int Parameters(CliContext context, string rulesDir)
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

        new MarkdownParameterTableRenderer().Render(loaded.Rules, context.Out);
        return loaded.Diagnostics.Any(d => d.IsError) ? ExitCodes.Failures : ExitCodes.Success;
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
