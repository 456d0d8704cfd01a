namespace DetectionKit.Engine.Delivery;

/// <summary>
/// The output did not answer in time for this one alert (it may still have received it). Delivery
/// moves on to the next alert; the slow one stays pending and is offered again next run, once.
/// </summary>
public sealed class AlertTimedOutException(string message, Exception? inner = null) : Exception(message, inner);
