using System.Text;

namespace DetectionKit.Engine.Tests.Support;

/// <summary>
/// A <c>{"Records":[...]}</c> delivery of any length, written as it is read: inputs far larger than
/// the test's memory without holding them.
/// </summary>
internal sealed class EndlessDelivery(long records, Func<long, string> record) : Stream
{
    private byte[] pending = Encoding.UTF8.GetBytes("{\"Records\":[");
    private int at;
    private long next;
    private bool closed;

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
        if (at == pending.Length && !Refill())
        {
            return 0;
        }

        var count = Math.Min(buffer.Length, pending.Length - at);
        pending.AsSpan(at, count).CopyTo(buffer);
        at += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private bool Refill()
    {
        if (closed)
        {
            return false;
        }

        at = 0;
        if (next == records)
        {
            closed = true;
            pending = Encoding.UTF8.GetBytes("]}");
            return true;
        }

        pending = Encoding.UTF8.GetBytes((next == 0 ? string.Empty : ",") + record(next));
        next++;
        return true;
    }
}
