using System.IO.Compression;
using System.Text.Json;

namespace DetectionKit.Tooling.Benchmarking;

/// <summary>
/// The floor the pipeline is judged against: on one thread, each file decompressed and every record
/// in it parsed with <see cref="JsonDocument"/>, in any shape the readers accept (<c>{"Records":[...]}</c>,
/// an array, one record, JSON Lines of these). Nothing is evaluated or kept.
/// When the streaming readers land, this reads through them the same way the pipeline does.
/// </summary>
internal static class ParseFloor
{
    private static readonly JsonReaderOptions ReaderOptions = new() { AllowMultipleValues = true, MaxDepth = 256 };

    /// <returns>The number of records parsed.</returns>
    public static long Run(IReadOnlyList<string> files)
    {
        using var decompressed = new MemoryStream();
        long records = 0;
        foreach (var file in files)
        {
            decompressed.SetLength(0);
            using (var input = File.OpenRead(file))
            using (var json = Gunzip.IsGzip(input) ? new GZipStream(input, CompressionMode.Decompress) : (Stream)input)
            {
                json.CopyTo(decompressed);
            }

            records += CountRecords(decompressed.GetBuffer().AsSpan(0, (int)decompressed.Length));
        }

        return records;
    }

    /// <summary>Parses each record of a JSON text on its own and counts them.</summary>
    public static long CountRecords(ReadOnlySpan<byte> json)
    {
        if (json.StartsWith("\uFEFF"u8))
        {
            json = json[3..];
        }

        var reader = new Utf8JsonReader(json, ReaderOptions);
        long records = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                records += ParseElements(ref reader);
            }
            else if (reader.TokenType == JsonTokenType.StartObject && IsRecordsWrapper(reader))
            {
                reader.Read();
                reader.Read();
                records += ParseElements(ref reader);
                SkipRestOfObject(ref reader);
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                ParseOne(ref reader);
                records++;
            }
        }

        return records;
    }

    /// <summary>CloudTrail writes <c>Records</c> first; a copy of the reader looks ahead without moving it.</summary>
    private static bool IsRecordsWrapper(Utf8JsonReader lookahead) =>
        lookahead.Read() && lookahead.TokenType == JsonTokenType.PropertyName && lookahead.ValueTextEquals("Records"u8)
        && lookahead.Read() && lookahead.TokenType == JsonTokenType.StartArray;

    private static long ParseElements(ref Utf8JsonReader reader)
    {
        long records = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                ParseOne(ref reader);
                records++;
            }
            else
            {
                reader.Skip();
            }
        }

        return records;
    }

    private static void ParseOne(ref Utf8JsonReader reader)
    {
        using var document = JsonDocument.ParseValue(ref reader);
    }

    private static void SkipRestOfObject(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            reader.Read();
            reader.Skip();
        }
    }
}
