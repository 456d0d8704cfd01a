using DetectionKit.Engine.Aws;
using DetectionKit.Engine.Delivery;

namespace DetectionKit.Engine.Scheduling;

/// <summary>Opens the sink an output names.</summary>
public static class OutputFactory
{
    public static IAlertSink Create(OutputConfig output, TextWriter standardOutput) => output.Type switch
    {
        "webhook" => new WebhookAlertSink(new WebhookOptions
        {
            Url = output.Url!,
            Secret = output.SecretEnv is { } name ? Environment.GetEnvironmentVariable(name) : null,
            MaxRetries = output.MaxRetries,
            RetryDelay = output.RetryDelay,
            AttemptTimeout = output.Timeout,
        }),
        "sqs" => new SqsAlertSink(SqsClientFactory.Create(queueUrl: output.QueueUrl), output.QueueUrl!, ownsClient: true),
        _ when output.Path is null or "-" => new JsonLinesAlertSink(standardOutput),
        _ => JsonLinesAlertSink.ToFile(output.Path, append: true),
    };
}
