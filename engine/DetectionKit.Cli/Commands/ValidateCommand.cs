using System.CommandLine;
using DetectionKit.Cli.Hosting;
using DetectionKit.Cli.Options;
using DetectionKit.Cli.Reporting;
using DetectionKit.Tooling.Validation;

namespace DetectionKit.Cli.Commands;

/// <summary><c>validate</c>: schema, unique ids, compilation, the case gate, snapshots, the captures' verified alerts and API names.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var rules = CommonOptions.Rules();
        var captures = CaptureOptions.Create("CloudTrail captures whose verified alerts (DIR.verified.json) are checked against the captures and the rules. Default: fixtures beside the rules directory, when it exists.");
        var format = new Option<string>("--format") { Description = "text: path:line:col lines; github: workflow annotations.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "github");
        var settings = CommonOptions.Settings("Also check this settings file against the rules: parameter names and values, rule ids, suppressions (their 'when' compiles with its rule).");
        var noCache = CacheOption.Create();
        var command = new Command("validate", "Check every rule: schema, unique ids, compilation, the case gate (one positive and one negative case), snapshots and the captures' verified alerts, API names in match.")
        {
            rules, captures, format, settings, noCache,
        };
        command.SetAction(parse => Execute(context, parse.GetValue(rules)!, parse.GetValue(captures), parse.GetValue(format)!, parse.GetValue(settings), parse.GetValue(noCache)));
        return command;
    }

    private static int Execute(CliContext context, string rulesDir, string? capturesDir, string format, string? settings, bool noCache)
    {
        if (!Directory.Exists(rulesDir))
        {
            context.Error.WriteLine(CommonOptions.RulesDirectoryMissing(rulesDir));
            return ExitCodes.Usage;
        }

        if (!CaptureOptions.TryResolve(capturesDir, rulesDir, out var captures, out var error))
        {
            context.Error.WriteLine(error);
            return ExitCodes.Usage;
        }

        var report = RuleValidation.Validate(rulesDir, captures: captures, settingsPath: settings, cache: CacheOption.Open(context, noCache));
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
