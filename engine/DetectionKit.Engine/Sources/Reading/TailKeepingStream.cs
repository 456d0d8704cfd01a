namespace DetectionKit.Engine.Sources.Reading;

/// <summary>A read-only pass-through that remembers the last bytes read: where a gzip stream keeps its trailer.</summary>
internal sealed class TailKeepingStream(Stream inner) : ForwardOnlyStream
{
    private readonly byte[] tail = new byte[8];

    /// <summary>How many of the trailer's bytes have been seen (at most 8).</summary>
    public int TailLength { get; private set; }

    /// <summary>The last four bytes of the input as the little-endian number gzip's trailer keeps there: the decompressed size modulo 2^32.</summary>
    public uint DeclaredSize => TailLength < 4 ? 0 : BitConverter.ToUInt32(tail.AsSpan(tail.Length - 4));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        if (read >= tail.Length)
        {
            buffer.Slice(read - tail.Length, tail.Length).CopyTo(tail);
        }
        else if (read > 0)
        {
            tail.AsSpan(read).CopyTo(tail);
            buffer[..read].CopyTo(tail.AsSpan(tail.Length - read));
        }

        TailLength = Math.Min(tail.Length, TailLength + read);
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
