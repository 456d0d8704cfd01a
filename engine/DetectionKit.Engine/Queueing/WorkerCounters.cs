namespace DetectionKit.Engine.Queueing;

/// <summary>What a <see cref="QueueWorker"/> has done so far: for its progress lines and its summary.</summary>
public sealed class WorkerCounters
{
    /// <summary>Messages received (a message received again after a failure counts again).</summary>
    public long Messages { get; internal set; }

    /// <summary>Messages deleted: everything they announced was read and committed, or there was nothing to read.</summary>
    public long Deleted { get; internal set; }

    /// <summary>Messages that could not be read; left for the queue's redrive policy.</summary>
    public long Unreadable { get; internal set; }

    /// <summary>Messages left on the queue because an object they announce was not read to its end; they come back after their visibility timeout.</summary>
    public long Retried { get; internal set; }

    /// <summary>Objects read to their end and committed.</summary>
    public long ObjectsRead { get; internal set; }

    /// <summary>Objects announced again (a message delivered twice) and passed over: already committed.</summary>
    public long AlreadyProcessed { get; internal set; }

    /// <summary>Announced objects that are not CloudTrail log files (digests, other objects) and are passed over.</summary>
    public long PassedOver { get; internal set; }

    public long Events { get; internal set; }

    public long Matches { get; internal set; }

    public long Alerts { get; internal set; }

    /// <summary>Rule errors and unreadable inputs.</summary>
    public long Errors { get; internal set; }

    /// <summary>Times the visibility of messages in hand was extended while their objects were read.</summary>
    public long Extensions { get; internal set; }

    /// <summary>Age of the oldest message of the last batch received: how far behind the worker is.</summary>
    public TimeSpan Lag { get; internal set; }

    /// <summary>Live workers sharing this worker's state, itself included, as last seen.</summary>
    public int Workers { get; internal set; } = 1;

    /// <summary>Of those, workers running another rule set (reported as DK6008).</summary>
    public int WorkersOnOtherRules { get; internal set; }

    /// <summary>Time spent in receive calls, long-poll waits for messages included.</summary>
    public TimeSpan ReceiveTime { get; internal set; }

    /// <summary>Time spent reading the announced objects from S3, parsing and evaluating them, with the alert windows and checkpoint each object commits as it ends.</summary>
    public TimeSpan ReadTime { get; internal set; }

    /// <summary>Time spent asking the state which objects were committed before, and delivering alerts to the outputs.</summary>
    public TimeSpan CommitTime { get; internal set; }

    /// <summary>Time spent deleting messages, and releasing those not read to their end.</summary>
    public TimeSpan DeleteTime { get; internal set; }

    public override string ToString() =>
        $"messages: {Messages}, deleted: {Deleted}, unreadable: {Unreadable}, retried: {Retried}, objects read: {ObjectsRead}, already processed: {AlreadyProcessed}, passed over: {PassedOver}, events: {Events}, matches: {Matches}, alerts: {Alerts}, errors: {Errors}, lag: {Lag.TotalSeconds:0}s";
}
