namespace DetectionKit.Engine.Delivery;

/// <summary>Where and how a webhook output posts alerts.</summary>
public sealed record WebhookOptions
{
    public required Uri Url { get; init; }

    /// <summary>The HMAC-SHA256 key for the signature header; no header when null.</summary>
    public string? Secret { get; init; }

    /// <summary>Retries after the first attempt, for network errors, 408, 429 and 5xx (not for an attempt that timed out).</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The first backoff delay; each retry doubles it, with jitter.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one POST may take; an alert whose POST takes longer is not retried this run (the next alert is sent) and is offered again next run.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
