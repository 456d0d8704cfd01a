using System.CommandLine;
using DetectionKit.Cli.Hosting;
using DetectionKit.Cli.Options;
using DetectionKit.Cli.Reporting;
using DetectionKit.Tooling.Coverage;

namespace DetectionKit.Cli.Commands;

/// <summary><c>coverage</c>: what the rules cover (packs, severities, ATT&amp;CK, the captures they catch), as text, JSON or one HTML page.</summary>
internal static class CoverageCommand
{
    public static Command Create(CliContext context)
    {
        var rules = CommonOptions.Rules();
        var captures = CaptureOptions.Create("CloudTrail captures to replay: every record file under DIR, each on its own. Default: fixtures beside the rules directory.");
        // The option's name before captures other than Stratus Red Team's were replayed; kept so old invocations work.
        var stratus = new Option<string?>("--stratus") { Hidden = true };
        var format = new Option<string>("--format") { Description = "Report format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "html");
        var output = new Option<string?>("--out") { Description = "Write the report to this file instead of stdout.", HelpName = "FILE" };
        var noCache = CacheOption.Create();
        var command = new Command("coverage", "Report what the rules cover: packs and severities, ATT&CK techniques and tactics, the captures they catch, rules with the fewest cases.")
        {
            rules, captures, stratus, format, output, noCache,
        };
        command.SetAction(parse => Execute(context, parse.GetValue(rules)!, parse.GetValue(captures) ?? parse.GetValue(stratus), parse.GetValue(format)!, parse.GetValue(output), parse.GetValue(noCache)));
        return command;
    }

    private static int Execute(CliContext context, string rulesDir, string? capturesDir, string format, string? output, bool noCache)
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

        var report = CoverageAnalyzer.Analyze(rulesDir, captures?.Root, CacheOption.Open(context, noCache));
        var formatter = new DiagnosticFormatter(DiagnosticStyle.Text);
        foreach (var diagnostic in report.Diagnostics)
        {
            context.Error.WriteLine(formatter.Format(diagnostic));
        }

        ICoverageRenderer renderer = format switch
        {
            "json" => new JsonCoverageRenderer(),
            "html" => new HtmlCoverageRenderer(),
            _ => new TextCoverageRenderer(),
        };
        if (output is null)
        {
            renderer.Render(report, context.Out);
        }
        else
        {
            using (var file = new StreamWriter(output) { NewLine = "\n" })
            {
                renderer.Render(report, file);
            }

            context.Error.WriteLine($"wrote {format} coverage report to {output}");
        }

        return report.HasErrors ? ExitCodes.Failures : ExitCodes.Success;
    }
}
