using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Delivery;

namespace DetectionKit.Engine.Tests.Support;

/// <summary>Keeps every alert written to it, in order.</summary>
internal sealed class CollectingAlertSink : IAlertSink
{
    public List<Alert> Alerts { get; } = [];

    public ValueTask WriteAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        Alerts.Add(alert);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
