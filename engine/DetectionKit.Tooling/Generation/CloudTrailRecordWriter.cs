using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DetectionKit.Tooling.Generation;

/// <summary>Streams records to a file in either layout, gzipped or not, without holding them in memory.</summary>
public static class CloudTrailRecordWriter
{
    // CloudTrail writes '+', '<', '>' and non-ASCII text as they are; the default encoder would escape them.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the records and returns how many there were. The stream is left open.</summary>
    public static long Write(IEnumerable<JsonObject> records, Stream output, CloudTrailFileFormat format, bool gzip)
    {
        // Optimal rather than SmallestSize: a generated file is rewritten often and read once.
        using var compressed = gzip ? new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true) : null;
        var target = compressed ?? output;
        using var writer = new Utf8JsonWriter(target, WriterOptions);
        long count = 0;
        if (format == CloudTrailFileFormat.Records)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("Records");
            writer.WriteStartArray();
        }

        foreach (var record in records)
        {
            record.WriteTo(writer);
            count++;
            if (format == CloudTrailFileFormat.JsonLines)
            {
                writer.Flush();
                target.WriteByte((byte)'\n');
                writer.Reset();
            }
        }

        if (format == CloudTrailFileFormat.Records)
        {
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.Flush();
        return count;
    }
}
