using System.Runtime.CompilerServices;

namespace DetectionKit.Engine.Sources;

/// <summary>Several sources read one after the other, in the order given.</summary>
public sealed class CompositeEventSource(IReadOnlyList<IEventSource> sources) : IEventSource
{
    public async IAsyncEnumerable<EventBatch> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var source in sources)
        {
            await foreach (var batch in source.ReadAsync(cancellationToken))
            {
                yield return batch;
            }
        }
    }
}
