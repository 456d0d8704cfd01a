using System.CommandLine;
using DetectionKit.Cli.Commands;
using DetectionKit.Cli.Hosting;

namespace DetectionKit.Cli;

/// <summary>The <c>detectionkit</c> command line: wiring only; each command lives in <c>Commands/</c>, what they share in <c>Options/</c> and <c>Hosting/</c>.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("DetectionKit: detection-as-code for AWS CloudTrail. Rules are YAML plus C# scripts, tested against recorded cases.")
        {
            TestCommand.Create(context),
            ValidateCommand.Create(context),
            RunCommand.Create(context),
            NewCommand.Create(context),
            ScheduleCommand.Create(context),
            GenerateCommand.Create(context),
            CoverageCommand.Create(context),
            DocsCommand.Create(context),
            EditorCommand.Create(context),
            BenchCommand.Create(context),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await context.Error.WriteLineAsync($"error: {error.Message}");
            }

            await context.Error.WriteLineAsync("Run 'detectionkit --help' for usage.");
            return ExitCodes.Usage;
        }

        // Signals are handled by the commands that run long (see GracefulStop), so that the object in
        // hand is finished and committed; the library's own handler would end the process too soon.
        var configuration = new InvocationConfiguration { Output = context.Out, Error = context.Error, ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Every expected problem is a diagnostic; this is the last resort for the unexpected.
            await context.Error.WriteLineAsync($"error: {ex.Message} ({ex.GetType().Name})");
            if (Environment.GetEnvironmentVariable("DETECTIONKIT_DEBUG") is { Length: > 0 })
            {
                await context.Error.WriteLineAsync(ex.ToString());
            }
            else
            {
                await context.Error.WriteLineAsync("Set DETECTIONKIT_DEBUG=1 for the stack trace, and please report it.");
            }

            return ExitCodes.Usage;
        }
    }
}
