using System.IO.Compression;

namespace DetectionKit.Engine.Sources.Reading;

/// <summary>
/// The bytes of one input as JSON text: gzip is recognised by its magic bytes (not by name) and
/// decompressed as it is read, a UTF-8 byte order mark is dropped, and the decompressed bytes are
/// counted against the object's limit.
/// </summary>
internal sealed class InputStream : IDisposable
{
    private readonly Stream raw;
    private readonly Stream decoded;
    private readonly byte[] prefix;
    private int prefixAt;

    private InputStream(Stream raw, Stream decoded, byte[] prefix, bool compressed)
    {
        this.raw = raw;
        this.decoded = decoded;
        this.prefix = prefix;
        IsCompressed = compressed;
    }

    public bool IsCompressed { get; }

    /// <summary>Decompressed bytes handed out so far.</summary>
    public long BytesRead { get; private set; }

    public static InputStream Open(Stream raw)
    {
        var head = new byte[2];
        var got = ReadAtLeast(raw, head);
        var compressed = got == 2 && head[0] == 0x1f && head[1] == 0x8b;
        var replayed = new PrefixedStream(head.AsMemory(0, got), raw);
        if (!compressed)
        {
            return new InputStream(raw, replayed, [], compressed: false).SkipByteOrderMark();
        }

        return new InputStream(raw, new GZipStream(replayed, CompressionMode.Decompress), [], compressed: true).SkipByteOrderMark();
    }

    /// <summary>Fills as much of <paramref name="into"/> as one read gives; 0 at the end of the input.</summary>
    public int Read(Span<byte> into)
    {
        int read;
        if (prefixAt < prefix.Length)
        {
            read = Math.Min(into.Length, prefix.Length - prefixAt);
            prefix.AsSpan(prefixAt, read).CopyTo(into);
            prefixAt += read;
        }
        else
        {
            read = decoded.Read(into);
        }

        BytesRead += read;
        return read;
    }

    public void Dispose()
    {
        decoded.Dispose();
        raw.Dispose();
    }

    private InputStream SkipByteOrderMark()
    {
        Span<byte> head = stackalloc byte[3];
        var got = ReadAtLeast(decoded, head);
        var keep = got == 3 && head.SequenceEqual("\uFEFF"u8) ? [] : head[..got].ToArray();
        return new InputStream(raw, decoded, keep, IsCompressed);
    }

    private static int ReadAtLeast(Stream stream, Span<byte> into) => stream.ReadAtLeast(into, into.Length, throwOnEndOfStream: false);
}
