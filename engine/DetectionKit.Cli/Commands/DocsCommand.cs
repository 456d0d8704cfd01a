using System.CommandLine;
using DetectionKit.Cli.Hosting;
using DetectionKit.Cli.Reporting;
using DetectionKit.Tooling.Documentation;

namespace DetectionKit.Cli.Commands;

/// <summary><c>docs rule-api</c>: the rule-API reference, generated from the doc comments of DetectionKit.Scripting.</summary>
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
        return new Command("docs", "Generate documentation.") { ruleApi };
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
