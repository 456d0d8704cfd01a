using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Delivery;

/// <summary>What delivery achieved: alerts accepted per output, and the outputs that refused.</summary>
public sealed record DeliveryReport(IReadOnlyDictionary<string, int> Delivered, IReadOnlyList<Diagnostic> Failures)
{
    public static DeliveryReport None { get; } = new(new Dictionary<string, int>(), []);

    public int Total => Delivered.Values.Sum();

    /// <summary>Outputs that stopped on an input/output error of their own (a full disk, a file without write permission).</summary>
    public int InputOutputFailures { get; init; }

    /// <summary>Alerts left alone because another process sharing the state had claimed their delivery.</summary>
    public int HeldElsewhere { get; init; }
}
