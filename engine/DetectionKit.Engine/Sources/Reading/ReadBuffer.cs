using System.Buffers;

namespace DetectionKit.Engine.Sources.Reading;

/// <summary>
/// The window of an input the parser works on: bytes read but not yet consumed, refilled from the
/// input as records are consumed, grown only as far as one value needs and never past its cap. It
/// keeps count of the lines it has let go of, so a problem can still be placed at its line and column.
/// </summary>
internal sealed class ReadBuffer : IDisposable
{
    private const int InitialSize = 256 * 1024;

    private readonly InputStream input;
    private readonly int cap;
    private readonly long maxBytes;
    private byte[] data;
    private int start;
    private int end;
    private long lineOfData;
    private long columnOfData;

    public ReadBuffer(InputStream input, int cap, long maxBytes)
    {
        this.input = input;
        this.cap = Math.Max(cap, 4096);
        this.maxBytes = maxBytes;
        data = ArrayPool<byte>.Shared.Rent(Math.Min(InitialSize, this.cap));
    }

    /// <summary>The input has no more bytes.</summary>
    public bool AtEnd { get; private set; }

    /// <summary>The input went past the object's limit: what follows was not read.</summary>
    public bool OverLimit { get; private set; }

    public ReadOnlySpan<byte> Pending => data.AsSpan(start, end - start);

    public int PendingLength => end - start;

    public long BytesRead => input.BytesRead;

    public void Consume(int count) => start += count;

    /// <summary>Reads more of the input behind what is pending. False when nothing more can be had: the input ended, went past its limit, or the pending bytes alone fill the cap.</summary>
    public bool Fill()
    {
        if (AtEnd)
        {
            return false;
        }

        if (start > 0)
        {
            Forget(start);
            data.AsSpan(start, end - start).CopyTo(data);
            end -= start;
            start = 0;
        }

        if (end == data.Length)
        {
            if (data.Length >= cap)
            {
                return false;
            }

            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)data.Length * 2, cap));
            data.AsSpan(0, end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(data);
            data = larger;
        }

        var room = (int)Math.Min(data.Length - end, maxBytes - input.BytesRead + 1);
        var read = room > 0 ? input.Read(data.AsSpan(end, room)) : 0;
        end += read;
        if (input.BytesRead > maxBytes)
        {
            // The byte past the limit proves there is more; it is not parsed.
            OverLimit = true;
            end--;
            AtEnd = true;
            return read > 1;
        }

        AtEnd = read == 0;
        return read > 0;
    }

    /// <summary>The one-based line and column of a pending byte.</summary>
    public (int Line, int Column) PositionOf(int pendingOffset)
    {
        var before = data.AsSpan(0, start + pendingOffset);
        var lines = before.Count((byte)'\n');
        var lastBreak = before.LastIndexOf((byte)'\n');
        var column = lastBreak < 0 ? columnOfData + before.Length : before.Length - lastBreak - 1;
        return ((int)Math.Min(int.MaxValue, lineOfData + lines + 1), (int)Math.Min(int.MaxValue, column + 1));
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(data);
        data = [];
    }

    private void Forget(int count)
    {
        var gone = data.AsSpan(0, count);
        var lastBreak = gone.LastIndexOf((byte)'\n');
        lineOfData += gone.Count((byte)'\n');
        columnOfData = lastBreak < 0 ? columnOfData + count : count - lastBreak - 1;
    }
}
