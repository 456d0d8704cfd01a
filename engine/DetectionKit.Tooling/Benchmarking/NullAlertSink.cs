using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Delivery;

namespace DetectionKit.Tooling.Benchmarking;

/// <summary>An output that accepts every alert and keeps none: delivery is measured, writing is not.</summary>
internal sealed class NullAlertSink : IAlertSink
{
    public long Delivered { get; private set; }

    public ValueTask WriteAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        Delivered++;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
