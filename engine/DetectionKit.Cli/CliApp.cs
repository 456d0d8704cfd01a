using System.CommandLine;
using System.Data.Common;
using DetectionKit.Cli.Commands;
using DetectionKit.Cli.Hosting;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.State;

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
            WorkerCommand.Create(context),
            HuntCommand.Create(context),
            VerifyCommand.Create(context),
            GenerateCommand.Create(context),
            CoverageCommand.Create(context),
            DocsCommand.Create(context),
            EditorCommand.Create(context),
            ImportCommand.Create(context),
            InitCommand.Create(context),
            BenchCommand.Create(context),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var line in UsageErrors.Describe(parse))
            {
                await context.Error.WriteLineAsync(line);
            }

            return ExitCodes.Usage;
        }

        // Signals are handled by the commands that run long (see GracefulStop), so that the object in
        // hand is finished and committed; the library's own handler would end the process too soon.
        var configuration = new InvocationConfiguration { Output = context.Out, Error = context.Error, ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (Exception ex) when (Fault(ex) is { } fault)
        {
            // Not a bug: the machine or a file around the run failed; say what and what to do.
            await context.Error.WriteLineAsync($"error {fault.Code}: {fault.Message}");
            return fault.ExitCode;
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

    /// <summary>A failure of the machine or of the files around a run rather than of DetectionKit, with its exit code; null for anything else.</summary>
    private static (string Code, string Message, int ExitCode)? Fault(Exception ex) => ex switch
    {
        StateStoreException state => (state.Code, ex.Message, ExitCodes.StateUnusable),
        DbException => (DiagnosticCodes.StateUnusable, $"the alert state failed: {ex.Message}; nothing after the last object committed was recorded, and the next run reads it again", ExitCodes.StateUnusable),
        OutOfMemoryException => (DiagnosticCodes.OutOfMemory, $"out of memory ({ex.Message}); lower the objects read at once (--parallelism, or parallelism: in the schedule) or the input limits (input: in the settings), or give the process more memory. What was committed is kept; the next run reads the rest", ExitCodes.OutOfMemory),
        IOException or UnauthorizedAccessException => (DiagnosticCodes.InputOutputFailed, $"{ex.Message} ({ex.GetType().Name}); check the free space and permissions there, then run again", ExitCodes.InputOutput),
        _ => null,
    };
}
