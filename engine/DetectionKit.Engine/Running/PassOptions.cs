using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.State;

namespace DetectionKit.Engine.Running;

/// <summary>How a <see cref="DetectionPass"/> checkpoints, reports progress and answers a stop request.</summary>
public sealed record PassOptions
{
    /// <summary>The checkpoint to commit with a batch, or null for none (files and stdin are not checkpointed).</summary>
    public Func<EventBatch, Checkpoint?>? CheckpointOf { get; init; }

    /// <summary>Called with each object once committed, read to its end or not (see <see cref="DetectionRunner.Committed"/>).</summary>
    public Action<EventBatch>? Committed { get; init; }

    /// <summary>Receives every record, value and input that could not be read or was not evaluated (a dead-letter file); none when null.</summary>
    public IDeadLetterSink? DeadLetters { get; init; }

    /// <summary>Objects evaluated at once; the processor count when null.</summary>
    public int? Parallelism { get; init; }

    /// <summary>Called after each batch with the running totals.</summary>
    public Action<RunSummary>? Progress { get; init; }

    /// <summary>Called once reading is over, before the first alert goes out (a progress line is cleared then).</summary>
    public Action? Delivering { get; init; }

    /// <summary>
    /// Deliver every alert even after a stop request: for a state that is not kept, where an alert not
    /// delivered now is lost. Otherwise a stop while reading leaves the alerts pending in the state for
    /// the next pass, and a stop while delivering ends it between alerts.
    /// </summary>
    public bool DeliverInFull { get; init; }

    /// <summary>Who claims the deliveries in the state (a worker), and for how long; this process when null.</summary>
    public DeliveryClaim? DeliveryClaim { get; init; }
}
