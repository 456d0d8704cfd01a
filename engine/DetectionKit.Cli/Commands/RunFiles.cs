using DetectionKit.Cli.Hosting;
using DetectionKit.Cli.Reporting;
using DetectionKit.Engine.Aws;
using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.State;
using DetectionKit.Engine.State.DynamoDb;

namespace DetectionKit.Cli.Commands;

/// <summary>
/// Opens what a command that evaluates (<c>run</c>, <c>worker</c>, <c>schedule</c>) keeps and writes: its
/// alert state (a SQLite file, or <c>dynamodb://TABLE</c> shared by many processes) and its alerts file.
/// A state or file that cannot be used is reported in the diagnostic shape, at its path or table, and
/// nothing is run.
/// </summary>
internal static class RunFiles
{
    /// <summary>False, with the problem reported (DK6023), when <paramref name="state"/> is meant as a DynamoDB table but names none.</summary>
    public static bool CheckStateLocation(CliContext context, string? state)
    {
        if (!DynamoDbStateLocation.IsDynamoDb(state) || DynamoDbStateLocation.TryParse(state!, out _, out _))
        {
            return true;
        }

        DynamoDbStateLocation.TryParse(state!, out _, out var error);
        context.Error.WriteLine($"error {DiagnosticCodes.StateLocationInvalid}: --state {error}");
        return false;
    }

    /// <summary>
    /// The state at <paramref name="path"/>: the DynamoDB table of a <c>dynamodb://TABLE</c> (through
    /// <paramref name="endpointUrl"/> when given), else the SQLite file there, or a temporary one when null;
    /// null when it cannot be used (reported: DK6004 for a file, DK602x for a table).
    /// </summary>
    public static IAlertStateStore? OpenState(CliContext context, string? path, string? endpointUrl = null)
    {
        if (DynamoDbStateLocation.IsDynamoDb(path))
        {
            if (!DynamoDbStateLocation.TryParse(path!, out var location, out var error))
            {
                context.Error.WriteLine($"error {DiagnosticCodes.StateLocationInvalid}: {error}");
                return null;
            }

            try
            {
                return DynamoDbAlertStateStore.Open(DynamoDbClientFactory.Create(endpointUrl), location.Table, ownsClient: true);
            }
            catch (StateStoreException ex)
            {
                context.Error.WriteLine($"{location}: error {ex.Code}: {ex.Message}");
                return null;
            }
        }

        try
        {
            return path is null ? SqliteAlertStateStore.Temporary() : SqliteAlertStateStore.Open(path);
        }
        catch (StateStoreException ex)
        {
            context.Error.WriteLine($"{(path is null ? string.Empty : DiagnosticFormatter.Relative(Path.GetFullPath(path)) + ": ")}error {ex.Code}: {ex.Message}");
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
