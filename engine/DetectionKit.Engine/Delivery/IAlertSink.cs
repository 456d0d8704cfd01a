using DetectionKit.Engine.Alerting;

namespace DetectionKit.Engine.Delivery;

/// <summary>Where alerts go. An alert counts as delivered once <see cref="WriteAsync"/> returns.</summary>
public interface IAlertSink : IAsyncDisposable
{
    ValueTask WriteAsync(Alert alert, CancellationToken cancellationToken = default);
}
