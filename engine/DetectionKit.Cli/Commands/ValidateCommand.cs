using System.CommandLine;
using DetectionKit.Cli.Hosting;
using DetectionKit.Cli.Options;
using DetectionKit.Cli.Reporting;
using DetectionKit.Tooling.Validation;

namespace DetectionKit.Cli.Commands;

/// <summary><c>validate</c>: schema, unique ids, compilation, the case gate, snapshot presence and API names.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var rules = CommonOptions.Rules();
        var format = new Option<string>("--format") { Description = "text: path:line:col lines; github: workflow annotations.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "github");
        var command = new Command("validate", "Check every rule: schema, unique ids, compilation, the case gate (one positive and one negative case), snapshots, API names in match.") { rules, format };
        command.SetAction(parse => Execute(context, parse.GetValue(rules)!, parse.GetValue(format)!));
        return command;
    }

    private static int Execute(CliContext context, string rulesDir, string format)
    {
        if (!Directory.Exists(rulesDir))
        {
            context.Error.WriteLine(CommonOptions.RulesDirectoryMissing(rulesDir));
            return ExitCodes.Usage;
        }

        var report = RuleValidation.Validate(rulesDir);
        var formatter = new DiagnosticFormatter(format == "github" ? DiagnosticStyle.GitHub : DiagnosticStyle.Text);
        foreach (var diagnostic in report.Diagnostics)
        {
            context.Out.WriteLine(formatter.Format(diagnostic));
        }

        var warnings = report.Diagnostics.Count - report.Errors;
        context.Out.WriteLine($"{report.RuleFiles} rule files, {report.ValidRules} valid, {Count(report.Errors, "error")}, {Count(warnings, "warning")}");
        return report.Succeeded ? ExitCodes.Success : ExitCodes.Failures;
    }

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";
}
