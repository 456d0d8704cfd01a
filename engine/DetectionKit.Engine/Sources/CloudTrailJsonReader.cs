using System.IO.Compression;
using System.Text.Json;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Sources;

/// <summary>
/// Reads CloudTrail records from bytes in any of the shapes they are found in: one record, a JSON
/// array of records, the S3 delivery wrapper <c>{"Records":[...]}</c>, or JSON Lines of any of
/// these; gzipped or not (detected by content, not by name).
/// </summary>
public static class CloudTrailJsonReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    public static EventBatch Read(string origin, Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Read(origin, buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    /// <summary>Reads a whole stream (already decompressed, or gzip to be detected) and parses it.</summary>
    public static async Task<EventBatch> ReadAsync(string origin, Stream stream, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return Read(origin, buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    public static EventBatch Read(string origin, ReadOnlyMemory<byte> data)
    {
        try
        {
            data = Decompress(data);
        }
        catch (InvalidDataException ex)
        {
            return EventBatch.Failed(origin, Diagnostic.Error(DiagnosticCodes.InputUnreadable, new SourceLocation(origin), $"not valid gzip: {ex.Message}"));
        }

        data = SkipByteOrderMark(data);
        var events = new List<CloudTrailEvent>();
        var problems = new List<Diagnostic>();
        var documents = new List<JsonDocument>();
        if (LooksLikeJsonLines(data.Span))
        {
            ReadLines(origin, data, events, problems, documents);
        }
        else if (!IsBlank(data.Span))
        {
            ReadDocument(origin, data, lineOffset: 0, events, problems, documents);
        }

        return new EventBatch(origin, events, problems, documents);
    }

    private static void ReadLines(string origin, ReadOnlyMemory<byte> data, List<CloudTrailEvent> events, List<Diagnostic> problems, List<JsonDocument> documents)
    {
        var lineNumber = 0;
        var start = 0;
        while (start <= data.Length)
        {
            var length = data.Span[start..].IndexOf((byte)'\n');
            var end = length < 0 ? data.Length : start + length;
            var line = data[start..end];
            if (!IsBlank(line.Span))
            {
                ReadDocument(origin, line, lineNumber, events, problems, documents);
            }

            lineNumber++;
            start = end + 1;
        }
    }

    private static void ReadDocument(string origin, ReadOnlyMemory<byte> json, int lineOffset, List<CloudTrailEvent> events, List<Diagnostic> problems, List<JsonDocument> documents)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + lineOffset + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            problems.Add(Diagnostic.Error(DiagnosticCodes.InputUnreadable, new SourceLocation(origin, line, column), $"not valid JSON: {FirstSentence(ex.Message)}"));
            return;
        }

        documents.Add(document);
        var root = document.RootElement;
        var location = new SourceLocation(origin, lineOffset + 1);
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Records", out var records) && records.ValueKind == JsonValueKind.Array)
        {
            AddAll(records, location, "Records", events, problems);
        }
        else if (root.ValueKind == JsonValueKind.Array)
        {
            AddAll(root, location, string.Empty, events, problems);
        }
        else if (root.ValueKind == JsonValueKind.Object)
        {
            events.Add(new CloudTrailEvent(root));
        }
        else
        {
            problems.Add(Diagnostic.Error(DiagnosticCodes.InvalidRecord, location, $"expected a CloudTrail record (a JSON object), an array of them or {{\"Records\":[...]}}, found a {Describe(root.ValueKind)}"));
        }
    }

    private static void AddAll(JsonElement array, SourceLocation location, string arrayName, List<CloudTrailEvent> events, List<Diagnostic> problems)
    {
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                events.Add(new CloudTrailEvent(item));
            }
            else
            {
                problems.Add(Diagnostic.Error(DiagnosticCodes.InvalidRecord, location, $"{arrayName}[{index}] is a {Describe(item.ValueKind)}, not a CloudTrail record (a JSON object); skipped"));
            }

            index++;
        }
    }

    /// <summary>
    /// JSON Lines when there are at least two non-blank lines and one of the first two is a whole JSON
    /// value on its own; a pretty-printed document's first line never is.
    /// </summary>
    private static bool LooksLikeJsonLines(ReadOnlySpan<byte> data)
    {
        var lines = new List<Range>(2);
        var start = 0;
        while (start < data.Length && lines.Count < 3)
        {
            var length = data[start..].IndexOf((byte)'\n');
            var end = length < 0 ? data.Length : start + length;
            if (!IsBlank(data[start..end]))
            {
                lines.Add(start..end);
            }

            start = end + 1;
        }

        if (lines.Count < 2)
        {
            return false;
        }

        return IsCompleteValue(data[lines[0]]) || IsCompleteValue(data[lines[1]]);
    }

    private static bool IsCompleteValue(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            return reader.Read()
                && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray
                && reader.TrySkip()
                && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static ReadOnlyMemory<byte> Decompress(ReadOnlyMemory<byte> data)
    {
        if (data.Length < 2 || data.Span[0] != 0x1f || data.Span[1] != 0x8b)
        {
            return data;
        }

        using var input = new MemoryStream(data.ToArray(), writable: false);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.GetBuffer().AsMemory(0, (int)output.Length);
    }

    private static ReadOnlyMemory<byte> SkipByteOrderMark(ReadOnlyMemory<byte> data) =>
        data.Span.StartsWith("\uFEFF"u8) ? data[3..] : data;

    private static bool IsBlank(ReadOnlySpan<byte> span) => span.Trim(" \t\r\n"u8).IsEmpty;

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends its own zero-based position; the diagnostic already has the right one.
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message;
    }
}
