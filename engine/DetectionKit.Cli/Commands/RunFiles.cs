using DetectionKit.Cli.Hosting;
using DetectionKit.Cli.Reporting;
using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.State;

namespace DetectionKit.Cli.Commands;

/// <summary>
/// Opens what a command that evaluates (<c>run</c>, <c>worker</c>) keeps and writes: its alert state and
/// its alerts file. A file that cannot be used is reported in the diagnostic shape, at its path, and
/// nothing is run.
/// </summary>
internal static class RunFiles
{
    /// <summary>The state in the SQLite file at <paramref name="path"/>, or a temporary one when null; null when the file cannot be used (reported, DK6004).</summary>
    public static IAlertStateStore? OpenState(CliContext context, string? path)
    {
        try
        {
            return path is null ? SqliteAlertStateStore.Temporary() : SqliteAlertStateStore.Open(path);
        }
        catch (StateStoreException ex)
        {
            context.Error.WriteLine($"{(path is null ? string.Empty : DiagnosticFormatter.Relative(Path.GetFullPath(path)) + ": ")}error {DiagnosticCodes.StateUnusable}: {ex.Message}");
            return null;
        }
    }

    /// <summary>JSON Lines to the file at <paramref name="path"/>, or to stdout when null; null when the file cannot be written (reported, DK6005).</summary>
    public static IAlertSink? OpenAlerts(CliContext context, string? path, bool append)
    {
        try
        {
            return path is null ? new JsonLinesAlertSink(context.Out) : JsonLinesAlertSink.ToFile(path, append);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"{path}: error {DiagnosticCodes.InputOutputFailed}: cannot write the alerts file {path}: {ex.Message}; nothing was run");
            return null;
        }
    }
}
