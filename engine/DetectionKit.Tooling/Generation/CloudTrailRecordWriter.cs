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

    // Utf8JsonWriter only writes to its stream on Flush; without this a records file is built whole in memory first.
    private const int FlushThreshold = 64 * 1024;

    /// <summary>Writes the records and returns how many there were. The stream is left open.</summary>
    /// <param name="records">The records, written as they are enumerated.</param>
    /// <param name="output">Where the file goes.</param>
    /// <param name="format">One record per line, or the S3 delivery shape.</param>
    /// <param name="gzip">Whether to gzip the output.</param>
    /// <param name="compression">
    /// How hard to compress. Optimal rather than SmallestSize by default: a generated file is rewritten
    /// often and read once; benchmark corpora use Fastest.
    /// </param>
    public static long Write(IEnumerable<JsonObject> records, Stream output, CloudTrailFileFormat format, bool gzip, CompressionLevel compression = CompressionLevel.Optimal)
    {
        using var compressed = gzip ? new GZipStream(output, compression, leaveOpen: true) : null;
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
            else if (writer.BytesPending > FlushThreshold)
            {
                writer.Flush();
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
