using System.Runtime.CompilerServices;
using DetectionKit.Engine.Sources;
using DetectionKit.Scripting;

namespace DetectionKit.Tests.Shared;

/// <summary>
/// Batches read whole for assertions: every event copied so it outlives the read, and the batch's
/// problems complete once <c>Events</c> has been asked for.
/// </summary>
internal static class Batches
{
    private static readonly ConditionalWeakTable<EventBatch, IReadOnlyList<CloudTrailEvent>> ReadEvents = new();

    extension(EventBatch batch)
    {
        public IReadOnlyList<CloudTrailEvent> Events =>
            ReadEvents.GetValue(batch, b => b.ReadEvents().Select(e => new CloudTrailEvent(e.Json.Clone())).ToList());

        /// <summary>The batch after reading it whole.</summary>
        public EventBatch Loaded()
        {
            _ = batch.Events;
            return batch;
        }
    }

    public static EventBatch Read(string origin, ReadOnlyMemory<byte> data, ReadLimits? limits = null) =>
        EventBatch.Open(origin, () => new MemoryStream(data.ToArray(), writable: false), limits).Loaded();

    public static EventBatch Read(string origin, Stream stream) => EventBatch.Open(origin, () => stream).Loaded();
}
