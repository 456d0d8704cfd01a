namespace DetectionKit.Engine.Sources.Reading;

/// <summary>
/// A read-only stream that ends its reads with <see cref="OperationCanceledException"/> once the run
/// is asked to stop: reading a slow or enormous object (a gzip bomb that yields no record for
/// gigabytes) never holds a stop up for longer than one read of the stream under it.
/// </summary>
internal sealed class StoppableStream(Stream inner, CancellationToken stop) : ForwardOnlyStream
{
    public override int Read(Span<byte> buffer)
    {
        stop.ThrowIfCancellationRequested();
        return inner.Read(buffer);
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
