using System.Runtime.CompilerServices;
using DetectionKit.Engine.Sources;

namespace DetectionKit.Tooling.Captures;

/// <summary>Batches already made, as a source, in the order given: one case's inputs.</summary>
internal sealed class BatchesSource(IReadOnlyList<EventBatch> batches) : IEventSource
{
    public async IAsyncEnumerable<EventBatch> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        foreach (var batch in batches)
        {
            yield return batch;
        }
    }
}
