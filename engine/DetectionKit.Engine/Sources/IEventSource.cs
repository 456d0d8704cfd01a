namespace DetectionKit.Engine.Sources;

/// <summary>Something that yields CloudTrail records in batches: fixture files, stdin, S3 objects.</summary>
public interface IEventSource
{
    /// <summary>Batches in a stable order. A batch that could not be read carries its problem and no events.</summary>
    IAsyncEnumerable<EventBatch> ReadAsync(CancellationToken cancellationToken = default);
}
