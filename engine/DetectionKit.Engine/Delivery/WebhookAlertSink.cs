using System.Security.Cryptography;
using System.Text;
using DetectionKit.Engine.Alerting;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace DetectionKit.Engine.Delivery;

/// <summary>
/// POSTs each alert as JSON. With a secret, <c>X-DetectionKit-Signature: sha256=HEX</c> carries the
/// HMAC-SHA256 of the body; <c>X-DetectionKit-Alert-Id</c> lets a receiver drop a repeat. Transient
/// failures are retried with exponential backoff and jitter; <see cref="WriteAsync"/> returns only
/// once the receiver answered 2xx, throws <see cref="AlertRejectedException"/> when it refused this
/// alert (4xx, 3xx), <see cref="AlertTimedOutException"/> when it did not answer within
/// <see cref="WebhookOptions.AttemptTimeout"/> (not retried: a slow receiver may still be handling
/// the alert, and posting it again would only hold up the others), and rethrows the last failure
/// when it stayed unreachable.
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
        // Redirects are not followed: HttpClient would turn the POST into a GET, the receiver would
        // answer 200 to a request without the alert, and the alert would count as delivered.
        this.client = client ?? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
        var builder = new ResiliencePipelineBuilder();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<HttpRequestException>()
                    .Handle<WebhookRefusedException>(ex => ex.IsTransient),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
            });
        }

        pipeline = builder.AddTimeout(options.AttemptTimeout).Build();
    }

    public async ValueTask WriteAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        var body = AlertJson.ToJson(alert).ToJsonString();
        try
        {
            await PostAsync(alert, body, cancellationToken);
        }
        catch (WebhookRefusedException ex) when (!ex.IsTransient)
        {
            throw new AlertRejectedException(ex.Message, ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new AlertTimedOutException($"the webhook did not answer within {options.AttemptTimeout.TotalSeconds:0.###} s (timeoutSeconds)", ex);
        }
    }

    private async Task PostAsync(Alert alert, string body, CancellationToken cancellationToken)
    {
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
                    throw new WebhookRefusedException(response.StatusCode, (int)response.StatusCode is >= 300 and < 400 ? response.Headers.Location : null);
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
