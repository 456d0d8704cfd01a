using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DetectionKit.Engine.Sources;

/// <summary>
/// A dead-letter file: JSON Lines, one entry per record, value or input that could not be read or
/// was not evaluated — <c>source</c>, <c>line</c> and <c>column</c> where known, <c>record</c> (its
/// index in the input, from 0) for a record read whole, <c>code</c>, <c>reason</c>, and the record's
/// <c>raw</c> text when it is at most <see cref="MaxRawBytes"/> (else only <c>rawBytes</c>, its size).
/// Never a whole object. Appended to, and flushed after each entry; entries from objects read side by
/// side are written one at a time.
/// </summary>
public sealed class DeadLetterFile : IDeadLetterSink, IDisposable
{
    /// <summary>The largest record text written into an entry: 64 KiB.</summary>
    public const int MaxRawBytes = 64 * 1024;

    // The file is read by people and tools, not put in a web page: the record's text keeps its quotes.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Lock gate = new();
    private readonly FileStream stream;
    private readonly ArrayBufferWriter<byte> line = new();
    private bool disposed;

    private DeadLetterFile(string path, FileStream stream)
    {
        Path = path;
        this.stream = stream;
    }

    /// <summary>The file, as it was named.</summary>
    public string Path { get; }

    /// <summary>Entries written so far.</summary>
    public long Count { get; private set; }

    /// <summary>Opens the file for appending, creating it (and its folder) when missing.</summary>
    /// <exception cref="IOException">The file cannot be opened for writing.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened for writing.</exception>
    public static DeadLetterFile Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(full) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return new DeadLetterFile(path, new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.Read));
    }

    public void Add(DeadLetter entry)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            line.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(line, WriterOptions))
            {
                Write(writer, entry);
            }

            line.Write("\n"u8);
            stream.Write(line.WrittenSpan);
            stream.Flush();
            Count++;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            stream.Dispose();
        }
    }

    private static void Write(Utf8JsonWriter writer, DeadLetter entry)
    {
        writer.WriteStartObject();
        writer.WriteString("source", entry.Location.Path);
        if (entry.RecordIndex is { } index)
        {
            writer.WriteNumber("record", index);
        }

        if (entry.Location.Line > 0)
        {
            writer.WriteNumber("line", entry.Location.Line);
            if (entry.Location.Column > 0)
            {
                writer.WriteNumber("column", entry.Location.Column);
            }
        }

        writer.WriteString("code", entry.Code);
        writer.WriteString("reason", entry.Reason);
        if (entry.Raw is { } raw)
        {
            var size = Encoding.UTF8.GetByteCount(raw);
            if (size <= MaxRawBytes)
            {
                writer.WriteString("raw", raw);
            }
            else
            {
                writer.WriteNumber("rawBytes", size);
            }
        }

        writer.WriteEndObject();
    }
}
