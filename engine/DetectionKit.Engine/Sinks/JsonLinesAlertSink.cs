using System.Text.Encodings.Web;
using System.Text.Json;
using DetectionKit.Engine.Alerting;

namespace DetectionKit.Engine.Sinks;

/// <summary>One JSON object per line, to a writer (stdout) or a file.</summary>
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

    public static JsonLinesAlertSink ToFile(string path) =>
        new(new StreamWriter(path, append: false) { NewLine = "\n" }, ownsWriter: true);

    public async ValueTask WriteAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        await writer.WriteAsync(AlertJson.ToJson(alert).ToJsonString(LineOptions).AsMemory(), cancellationToken);
        await writer.WriteAsync("\n".AsMemory(), cancellationToken);
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
