using DetectionKit.Engine.Sources;

namespace DetectionKit.Engine.Queueing;

/// <summary>Which queue a <see cref="QueueWorker"/> reads and how.</summary>
public sealed record QueueWorkerOptions
{
    /// <summary>The queue's URL, as <c>aws sqs get-queue-url</c> prints it.</summary>
    public required string QueueUrl { get; init; }

    /// <summary>Messages taken at once (SQS allows 1 to 10).</summary>
    public int MaxMessages { get; init; } = 10;

    /// <summary>How long one receive waits for a message (long polling; SQS allows 0 to 20 seconds).</summary>
    public int WaitSeconds { get; init; } = 20;

    /// <summary>Stop once a receive finds the queue empty, instead of waiting for more (a batch job, a test).</summary>
    public bool UntilEmpty { get; init; }

    /// <summary>How long a message in hand stays hidden from other workers; extended while its objects are read. The queue's own setting when null.</summary>
    public TimeSpan? VisibilityTimeout { get; init; }

    /// <summary>Objects evaluated at once; the processor count when null.</summary>
    public int? Parallelism { get; init; }

    /// <summary>How often the worker logs its health and progress and records its status in the shared state.</summary>
    public TimeSpan HealthInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>This worker's name in the shared state and its log; host, process id and a random part when null.</summary>
    public string? WorkerId { get; init; }

    /// <summary>How long this worker's claim on delivering an alert holds; if it dies mid-send, another worker delivers the alert after it.</summary>
    public TimeSpan DeliveryClaim { get; init; } = Delivery.DeliveryClaim.DefaultLength;

    /// <summary>How much one object may make the engine read and hold.</summary>
    public ReadLimits Limits { get; init; } = ReadLimits.Default;
}
