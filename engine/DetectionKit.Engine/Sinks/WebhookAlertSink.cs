using System.Security.Cryptography;
using System.Text;
using DetectionKit.Engine.Alerting;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace DetectionKit.Engine.Sinks;

/// <summary>
/// POSTs each alert as JSON. With a secret, <c>X-DetectionKit-Signature: sha256=HEX</c> carries the
/// HMAC-SHA256 of the body; <c>X-DetectionKit-Alert-Id</c> lets a receiver drop a repeat. Transient
/// failures are retried with exponential backoff and jitter; <see cref="WriteAsync"/> returns only
/// once the receiver answered 2xx, and throws when it never did.
/// </summary>
public sealed class WebhookAlertSink : IAlertSink
{
    private readonly WebhookOptions options;
    private readonly HttpClient client;
    private readonly bool ownsClient;
    private readonly ResiliencePipeline pipeline;

    public WebhookAlertSink(WebhookOptions options, HttpClient? client = null)
    {
        this.options = options;
        ownsClient = client is null;
        this.client = client ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .Handle<WebhookRefusedException>(ex => ex.IsTransient),
                MaxRetryAttempts = Math.Max(0, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    public async ValueTask WriteAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        var body = AlertJson.ToJson(alert).ToJsonString();
        await pipeline.ExecuteAsync(
            async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, options.Url)
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("X-DetectionKit-Alert-Id", alert.AlertId);
                if (options.Secret is { Length: > 0 } secret)
                {
                    request.Headers.Add("X-DetectionKit-Signature", "sha256=" + Sign(secret, body));
                }

                using var response = await client.SendAsync(request, token);
                if (!response.IsSuccessStatusCode)
                {
                    throw new WebhookRefusedException(response.StatusCode);
                }
            },
            cancellationToken);
    }

    /// <summary>The signature a receiver recomputes to check the body came from us.</summary>
    public static string Sign(string secret, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public ValueTask DisposeAsync()
    {
        if (ownsClient)
        {
            client.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
