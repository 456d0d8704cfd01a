namespace DetectionKit.Engine.Sources.Reading;

/// <summary>A read-only stream that gives back bytes already taken from another (to sniff them) before the rest of it.</summary>
internal sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : ForwardOnlyStream
{
    private ReadOnlyMemory<byte> pending = prefix;

    public override int Read(Span<byte> buffer)
    {
        if (pending.IsEmpty)
        {
            return rest.Read(buffer);
        }

        return TakePending(buffer);
    }

    /// <summary>The rest is read asynchronously too, so a network body does not hold a thread while it waits.</summary>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        pending.IsEmpty ? await rest.ReadAsync(buffer, cancellationToken) : TakePending(buffer.Span);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int TakePending(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, pending.Length);
        pending.Span[..count].CopyTo(buffer);
        pending = pending[count..];
        return count;
    }
}
