using System.CommandLine;
using DetectionKit.Cli.Reporting;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Sinks;
using DetectionKit.Engine.Sources;

namespace DetectionKit.Cli.Commands;

/// <summary><c>run</c>: replay CloudTrail records through the rules and print alerts as JSON Lines.</summary>
internal static class RunCommand
{
    private const string BundledFixtures = "fixtures";

    public static Command Create(CliContext context)
    {
        var rules = CommonOptions.Rules();
        var sources = new Option<string[]>("--source")
        {
            Description = "A file, directory (recursive) or - for stdin; repeatable. Default: the bundled ./fixtures.",
            HelpName = "PATH",
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<string?>("--out") { Description = "Write alerts to this file instead of stdout.", HelpName = "FILE" };
        var command = new Command("run", "Evaluate the rules over CloudTrail records; alerts go out as JSON Lines, a summary to stderr.") { rules, sources, output };
        command.SetAction((parse, cancel) => ExecuteAsync(context, parse.GetValue(rules)!, parse.GetValue(sources) ?? [], parse.GetValue(output), cancel));
        return command;
    }

    private static async Task<int> ExecuteAsync(CliContext context, string rulesDir, string[] sources, string? output, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(rulesDir))
        {
            context.Error.WriteLine($"error: rules directory '{rulesDir}' does not exist (pass --rules DIR)");
            return ExitCodes.Usage;
        }

        if (sources.Length == 0)
        {
            if (!Directory.Exists(BundledFixtures))
            {
                context.Error.WriteLine("error: no --source given and no ./fixtures directory to replay; pass --source PATH");
                return ExitCodes.Usage;
            }

            sources = [BundledFixtures];
        }

        var formatter = new DiagnosticFormatter(DiagnosticStyle.Text);
        var loaded = RuleSetBuilder.Build(rulesDir);
        foreach (var diagnostic in loaded.Diagnostics)
        {
            context.Error.WriteLine(formatter.Format(diagnostic));
        }

        var source = new FileEventSource(sources, context.OpenStandardInput);
        RunSummary summary;
        await using (var sink = output is null ? new JsonLinesAlertSink(context.Out) : JsonLinesAlertSink.ToFile(output))
        {
            summary = await new DetectionRunner(loaded.RuleSet, sink).RunAsync(source, cancellationToken);
        }

        foreach (var problem in summary.InputProblems)
        {
            context.Error.WriteLine(formatter.Format(problem));
        }

        foreach (var error in summary.RuleErrors)
        {
            context.Error.WriteLine(formatter.Format(error.ToDiagnostic()));
        }

        var ruleErrors = loaded.Diagnostics.Where(d => d.IsError).Select(d => d.RuleId ?? d.Location.Path).Distinct(StringComparer.Ordinal).Count();
        var errors = ruleErrors + summary.InputProblems.Count(p => p.IsError) + summary.RuleErrors.Count;
        context.Error.WriteLine(
            $"events read: {summary.EventsRead}, inputs: {summary.Batches}, skipped files: {source.SkippedFiles}, " +
            $"rules loaded: {loaded.RuleSet.Rules.Count}, rules failed to load: {ruleErrors}, alerts: {summary.Alerts}, errors: {errors}");
        return errors == 0 ? ExitCodes.Success : ExitCodes.Failures;
    }
}
