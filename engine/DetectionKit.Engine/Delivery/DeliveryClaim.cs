namespace DetectionKit.Engine.Delivery;

/// <summary>
/// Who claims an alert's delivery in the state before sending it, and for how long: longer than any
/// output takes over one alert with its retries, and as short as an operator is willing to wait for the
/// alerts a dead worker had claimed to go out from another (with the same alertId: the crash gap).
/// </summary>
/// <param name="Holder">The claimant: a worker's id, or this process.</param>
/// <param name="For">How long the claim holds.</param>
public sealed record DeliveryClaim(string Holder, TimeSpan For)
{
    /// <summary>The default length of a claim.</summary>
    public static readonly TimeSpan DefaultLength = TimeSpan.FromMinutes(10);

    /// <summary>This process as a claimant: host, process id and a random part, for <see cref="DefaultLength"/>.</summary>
    public static DeliveryClaim ThisProcess { get; } = new($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}", DefaultLength);
}
