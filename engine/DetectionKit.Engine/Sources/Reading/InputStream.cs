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
    private readonly TailKeepingStream? compressedTail;
    private long decompressed;
    private int prefixAt;

    private InputStream(Stream raw, Stream decoded, byte[] prefix, bool compressed, TailKeepingStream? compressedTail, long decompressed = 0)
    {
        this.raw = raw;
        this.decoded = decoded;
        this.prefix = prefix;
        this.compressedTail = compressedTail;
        this.decompressed = decompressed;
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
            return new InputStream(raw, replayed, [], compressed: false, compressedTail: null).SkipByteOrderMark();
        }

        var tail = new TailKeepingStream(replayed);
        return new InputStream(raw, new GZipStream(tail, CompressionMode.Decompress), [], compressed: true, tail).SkipByteOrderMark();
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
            decompressed += read;
            if (read == 0 && compressedTail is not null && into.Length > 0)
            {
                CheckTrailer(compressedTail);
            }
        }

        BytesRead += read;
        return read;
    }

    public void Dispose()
    {
        decoded.Dispose();
        raw.Dispose();
    }

    /// <summary>
    /// The decompressor ends quietly where its input ends, even inside a member: the trailer's size,
    /// compared with what came out, tells a whole stream from a cut one.
    /// </summary>
    private void CheckTrailer(TailKeepingStream tail)
    {
        if (tail.TailLength < 8 || tail.DeclaredSize != (uint)decompressed)
        {
            throw new EndOfStreamException("it ends without the gzip trailer that would match what came out of it (cut short, or several gzip members joined together)");
        }
    }

    private InputStream SkipByteOrderMark()
    {
        Span<byte> head = stackalloc byte[3];
        var got = ReadAtLeast(decoded, head);
        if (got < 3 && compressedTail is not null)
        {
            decompressed = got;
            CheckTrailer(compressedTail);
        }

        var keep = got == 3 && head.SequenceEqual("\uFEFF"u8) ? [] : head[..got].ToArray();
        return new InputStream(raw, decoded, keep, IsCompressed, compressedTail, got);
    }

    private static int ReadAtLeast(Stream stream, Span<byte> into) => stream.ReadAtLeast(into, into.Length, throwOnEndOfStream: false);
}
