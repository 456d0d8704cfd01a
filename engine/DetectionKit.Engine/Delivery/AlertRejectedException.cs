namespace DetectionKit.Engine.Delivery;

/// <summary>
/// The output refused this one alert for a reason retrying will not fix (an HTTP 4xx, say). Delivery
/// moves on to the next alert; the refused one stays pending and is offered again next run.
/// </summary>
public sealed class AlertRejectedException(string message, Exception? inner = null) : Exception(message, inner);
