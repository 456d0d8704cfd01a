namespace DetectionKit.Engine.Sources.Reading;

/// <summary>
/// A read-only stream that ends its reads with <see cref="OperationCanceledException"/> once the run
/// is asked to stop: reading a slow or enormous object (a gzip bomb that yields no record for
/// gigabytes) never holds a stop up for longer than one read of the stream under it.
/// </summary>
internal sealed class StoppableStream(Stream inner, CancellationToken stop) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        stop.ThrowIfCancellationRequested();
        return inner.Read(buffer);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
