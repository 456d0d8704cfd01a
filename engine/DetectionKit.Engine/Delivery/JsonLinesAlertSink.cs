using System.Text.Encodings.Web;
using System.Text.Json;
using DetectionKit.Engine.Alerting;

namespace DetectionKit.Engine.Delivery;

/// <summary>
/// One JSON object per line, to a writer (stdout) or a file. Each alert is flushed before
/// <see cref="WriteAsync"/> returns, so "accepted" means the line reached the operating system.
/// </summary>
public sealed class JsonLinesAlertSink : IAlertSink
{
    private static readonly JsonSerializerOptions LineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TextWriter writer;
    private readonly bool ownsWriter;

    public JsonLinesAlertSink(TextWriter writer, bool ownsWriter = false)
    {
        this.writer = writer;
        this.ownsWriter = ownsWriter;
    }

    /// <param name="path">The file; its folder is created if needed.</param>
    /// <param name="append">Add to the file (scheduled jobs) rather than replace it (one-off runs).</param>
    public static JsonLinesAlertSink ToFile(string path, bool append = false)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        return new(new StreamWriter(path, append) { NewLine = "\n" }, ownsWriter: true);
    }

    public async ValueTask WriteAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        await writer.WriteAsync((AlertJson.ToJson(alert).ToJsonString(LineOptions) + "\n").AsMemory(), cancellationToken);
        await writer.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await writer.FlushAsync();
        if (ownsWriter)
        {
            await writer.DisposeAsync();
        }
    }
}
