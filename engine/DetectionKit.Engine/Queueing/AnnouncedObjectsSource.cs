using System.Runtime.CompilerServices;
using Amazon.S3;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.Sources.Notifications;
using DetectionKit.Engine.Sources.S3;

namespace DetectionKit.Engine.Queueing;

/// <summary>
/// The objects a batch of queue messages announced, downloaded with bounded parallelism in the order
/// given; each batch's <see cref="EventBatch.SourceKey"/> is <see cref="IdOf"/> the object, which is what
/// it is checkpointed by.
/// </summary>
internal sealed class AnnouncedObjectsSource : IEventSource
{
    private readonly IAmazonS3 client;
    private readonly IReadOnlyList<AnnouncedObject> objects;
    private readonly ReadLimits limits;
    private readonly int parallelism;

    public AnnouncedObjectsSource(IAmazonS3 client, IReadOnlyList<AnnouncedObject> objects, ReadLimits limits, int parallelism)
    {
        this.client = client;
        this.objects = objects;
        this.limits = limits;
        this.parallelism = Math.Max(1, parallelism);
    }

    /// <summary>What an object is checkpointed by: its bucket and key, as a worker may read more than one bucket.</summary>
    public static string IdOf(AnnouncedObject item) => $"{item.Bucket}/{item.Key}";

    public async IAsyncEnumerable<EventBatch> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
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
