using System.Threading.Channels;

namespace DetectionKit.Tooling.Watching;

/// <summary>
/// The files changed under some folders, from <see cref="FileSystemWatcher"/> (inotify on Linux), as
/// bursts: an editor's save is often several events (write, then attributes; or a temporary file renamed
/// over the original), so a burst ends only after a quiet spell. A rename counts as a change of both names.
/// </summary>
public sealed class FileEvents : IDisposable
{
    private readonly Channel<string> changes = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, FileSystemWatcher> watchers = new(StringComparer.Ordinal);
    private readonly TimeSpan quiet;

    /// <param name="quiet">How long no event must arrive for a burst to be over.</param>
    public FileEvents(TimeSpan quiet) => this.quiet = quiet;

    /// <summary>The path reported when the watcher lost events (its buffer overflowed): anything may have changed.</summary>
    public const string Overflow = "*";

    /// <summary>Watches a folder (with the folders below it when <paramref name="recursive"/>); a folder already watched is left as it is.</summary>
    public void Watch(string folder, bool recursive)
    {
        var full = Path.GetFullPath(folder);
        if (watchers.ContainsKey(full) || !Directory.Exists(full) || watchers.Any(w => w.Value.IncludeSubdirectories && IsUnder(full, w.Key)))
        {
            return;
        }

        var watcher = new FileSystemWatcher(full)
        {
            IncludeSubdirectories = recursive,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        watcher.Changed += (_, e) => changes.Writer.TryWrite(e.FullPath);
        watcher.Created += (_, e) => changes.Writer.TryWrite(e.FullPath);
        watcher.Deleted += (_, e) => changes.Writer.TryWrite(e.FullPath);
        watcher.Renamed += (_, e) =>
        {
            changes.Writer.TryWrite(e.OldFullPath);
            changes.Writer.TryWrite(e.FullPath);
        };
        watcher.Error += (_, _) => changes.Writer.TryWrite(Overflow);
        watcher.EnableRaisingEvents = true;
        watchers.Add(full, watcher);
    }

    /// <summary>Waits for a change, then for the burst it starts to end; returns the paths changed, each once, in the order first seen.</summary>
    public async Task<IReadOnlyList<string>> NextBurstAsync(CancellationToken cancellationToken)
    {
        var paths = new List<string> { await changes.Reader.ReadAsync(cancellationToken) };
        while (true)
        {
            using var spell = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            spell.CancelAfter(quiet);
            try
            {
                paths.Add(await changes.Reader.ReadAsync(spell.Token));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return [.. paths.Distinct(StringComparer.Ordinal)];
            }
        }
    }

    public void Dispose()
    {
        foreach (var watcher in watchers.Values)
        {
            watcher.Dispose();
        }

        changes.Writer.TryComplete();
    }

    private static bool IsUnder(string path, string folder) =>
        path.StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
