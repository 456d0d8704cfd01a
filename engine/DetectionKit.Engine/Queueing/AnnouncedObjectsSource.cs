using System.Runtime.CompilerServices;
using Amazon.S3;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.Sources.Notifications;
using DetectionKit.Engine.Sources.S3;

namespace DetectionKit.Engine.Queueing;

/// <summary>
/// What a batch of queue messages gave to read: the records messages carry themselves (read first, from
/// memory), then the objects they announced, downloaded with bounded parallelism in the order given.
/// Each batch's <see cref="EventBatch.SourceKey"/> is what it is checkpointed by: <see cref="IdOf"/> an
/// object, or the id of the message that carried the records.
/// </summary>
internal sealed class AnnouncedObjectsSource : IEventSource
{
    private readonly IAmazonS3 client;
    private readonly IReadOnlyList<AnnouncedObject> objects;
    private readonly IReadOnlyList<(string Id, string Origin, string Json)> carried;
    private readonly ReadLimits limits;
    private readonly int parallelism;

    public AnnouncedObjectsSource(IAmazonS3 client, IReadOnlyList<AnnouncedObject> objects, IReadOnlyList<(string Id, string Origin, string Json)> carried, ReadLimits limits, int parallelism)
    {
        this.client = client;
        this.objects = objects;
        this.carried = carried;
        this.limits = limits;
        this.parallelism = Math.Max(1, parallelism);
    }

    /// <summary>What an object is checkpointed by: its bucket and key, as a worker may read more than one bucket.</summary>
    public static string IdOf(AnnouncedObject item) => $"{item.Bucket}/{item.Key}";

    public async IAsyncEnumerable<EventBatch> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var (id, origin, json) in carried)
        {
            yield return EventBatch.Open(origin, () => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json), writable: false), limits, sourceKey: id);
        }

        var inFlight = new Queue<Task<EventBatch>>();
        try
        {
            foreach (var item in objects)
            {
                inFlight.Enqueue(S3ObjectFetch.FetchAsync(client, item.Bucket, item.Key, limits, IdOf(item), cancellationToken));
                if (inFlight.Count >= parallelism)
                {
                    yield return await inFlight.Dequeue();
                }
            }

            while (inFlight.Count > 0)
            {
                yield return await inFlight.Dequeue();
            }
        }
        finally
        {
            while (inFlight.Count > 0)
            {
                try
                {
                    (await inFlight.Dequeue()).Dispose();
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
    }
}
