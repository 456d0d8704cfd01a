namespace DetectionKit.Engine.Sources.S3;

/// <summary>
/// An object's stored bytes, fetched so the connection is not held while the object waits its turn:
/// in memory up to <see cref="InMemoryLimit"/>, in a temporary file (deleted when disposed) beyond.
/// </summary>
internal sealed class DownloadedObject : IDisposable
{
    /// <summary>Most compressed bytes held in memory per object; CloudTrail objects are usually a few hundred KB.</summary>
    public const int InMemoryLimit = 8 * 1024 * 1024;

    private readonly byte[]? bytes;
    private readonly string? file;

    private DownloadedObject(byte[]? bytes, string? file)
    {
        this.bytes = bytes;
        this.file = file;
    }

    public static async Task<DownloadedObject> FetchAsync(Stream body, CancellationToken cancellationToken)
    {
        var memory = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            memory.Write(chunk, 0, read);
            if (memory.Length > InMemoryLimit)
            {
                return new DownloadedObject(null, await SpillAsync(memory, body, cancellationToken));
            }
        }

        return new DownloadedObject(memory.ToArray(), null);
    }

    private static async Task<string> SpillAsync(MemoryStream head, Stream rest, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"detectionkit-{Guid.NewGuid():N}.download");
        try
        {
            await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            head.Position = 0;
            await head.CopyToAsync(target, cancellationToken);
            await rest.CopyToAsync(target, cancellationToken);
            return path;
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    public Stream Open() => bytes is not null
        ? new MemoryStream(bytes, writable: false)
        : new FileStream(file!, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);

    public void Dispose()
    {
        if (file is not null)
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // A temporary file left behind is the system's to clean; the run goes on.
            }
        }
    }
}
