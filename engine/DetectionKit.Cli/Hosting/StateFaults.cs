using System.Data.Common;
using DetectionKit.Engine.State;

namespace DetectionKit.Cli.Hosting;

/// <summary>A failure of the state database in the middle of a run, reported with the state file's path and what to do.</summary>
internal static class StateFaults
{
    /// <summary>Runs <paramref name="work"/>; a database failure is rethrown as a <see cref="StateStoreException"/> naming <paramref name="statePath"/> (the in-memory state when null).</summary>
    public static async Task<T> NamingTheFile<T>(string? statePath, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (DbException ex)
        {
            throw StateStoreException.Of(statePath is null ? "(in memory)" : Path.GetFullPath(statePath), ex);
        }
    }
}
