namespace DetectionKit.Engine.Scheduling;

/// <summary>One output of a job: a JSON Lines file (or stdout), a webhook or an SQS queue.</summary>
public sealed record OutputConfig
{
    public required string Type { get; init; }

    public required string Name { get; init; }

    public string? Path { get; init; }

    public Uri? Url { get; init; }

    public string? SecretEnv { get; init; }

    /// <summary>sqs: the queue's URL.</summary>
    public string? QueueUrl { get; init; }

    public int MaxRetries { get; init; } = 4;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}
