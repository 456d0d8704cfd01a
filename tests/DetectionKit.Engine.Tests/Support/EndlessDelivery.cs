using System.Text;
using DetectionKit.Engine.Sources.Reading;

namespace DetectionKit.Engine.Tests.Support;

/// <summary>
/// A <c>{"Records":[...]}</c> delivery of any length, written as it is read: inputs far larger than
/// the test's memory without holding them.
/// </summary>
internal sealed class EndlessDelivery(long records, Func<long, string> record) : ForwardOnlyStream
{
    private byte[] pending = Encoding.UTF8.GetBytes("{\"Records\":[");
    private int at;
    private long next;
    private bool closed;

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
