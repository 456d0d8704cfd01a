namespace DetectionKit.Engine.Delivery;

/// <summary>A named destination: the name is what the state store records deliveries against.</summary>
public sealed record AlertOutput(string Name, IAlertSink Sink);
