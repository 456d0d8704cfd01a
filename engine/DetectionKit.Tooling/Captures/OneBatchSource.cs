using System.Runtime.CompilerServices;
using DetectionKit.Engine.Sources;

namespace DetectionKit.Tooling.Captures;

/// <summary>A batch already read, as a source of its own: one capture, one run, one state.</summary>
internal sealed class OneBatchSource(EventBatch batch) : IEventSource
{
    public async IAsyncEnumerable<EventBatch> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield return batch;
    }
}
