using DetectionKit.Engine.Diagnostics;
using Microsoft.Data.Sqlite;

namespace DetectionKit.Engine.State;

/// <summary>
/// The state cannot be used: a file locked by another process, not a database, unwritable, too new; a
/// DynamoDB table that is missing, of another shape, or that failed a request after the SDK's retries.
/// </summary>
public sealed class StateStoreException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The diagnostic code the failure is reported with: <c>DK6004</c> for a state file, <c>DK602x</c> for a DynamoDB table.</summary>
    public string Code { get; init; } = DiagnosticCodes.StateUnusable;

    // SQLite's primary result codes (https://sqlite.org/rescode.html) that say what is wrong with the file.
    private const int Permission = 3;
    private const int ReadOnly = 8;
    private const int InputOutput = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CannotOpen = 14;
    private const int NotADatabase = 26;

    /// <summary>
    /// What went wrong with the state file at <paramref name="path"/>, and what to do about it. A damaged
    /// file is never recreated: that would forget which alerts were delivered and deliver them again.
    /// </summary>
    public static StateStoreException Of(string path, Exception failure)
    {
        var code = failure is SqliteException sqlite ? sqlite.SqliteErrorCode & 0xff : -1;
        var message = code switch
        {
            Corrupt or NotADatabase =>
                $"cannot use the state file {path}: it is damaged or is not a DetectionKit state database ({failure.Message}). " +
                $"It is not recreated on its own: restore it from a backup, or move it aside (mv {path} {path}.damaged) to start with an empty state, " +
                "knowing that alerts still in their windows will then be raised and delivered again",
            ReadOnly or Permission or CannotOpen or InputOutput or Full =>
                $"cannot use the state file {path}: it cannot be written ({failure.Message}); check the free space and the permissions of {Path.GetDirectoryName(path)}",
            _ => $"cannot use the state file {path}: {failure.Message}",
        };
        return new StateStoreException(message, failure);
    }
}
