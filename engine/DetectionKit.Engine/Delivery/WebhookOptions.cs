namespace DetectionKit.Engine.Delivery;

/// <summary>Where and how a webhook output posts alerts.</summary>
public sealed record WebhookOptions
{
    public required Uri Url { get; init; }

    /// <summary>The HMAC-SHA256 key for the signature header; no header when null.</summary>
    public string? Secret { get; init; }

    /// <summary>Retries after the first attempt, for network errors, timeouts, 408, 429 and 5xx.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The first backoff delay; each retry doubles it, with jitter.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
