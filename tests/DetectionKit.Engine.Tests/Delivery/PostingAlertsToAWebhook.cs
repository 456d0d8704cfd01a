using System.Net;
using System.Text.Json.Nodes;
using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Delivery;

public sealed class PostingAlertsToAWebhook
{
    [Test]
    public async Task TheAlertIsPostedAsJsonWithItsIdAndAnHmacSignature()
    {
        using var receiver = new WebhookReceiver();
        var alert = SomeAlert.For(Some.Record());

        await using (var sink = new WebhookAlertSink(Options(receiver, secret: "s3cret")))
        {
            await sink.WriteAsync(alert);
        }

        var (body, headers) = receiver.Accepted.Single();
        Assert.That(JsonNode.Parse(body)!["alertId"]!.GetValue<string>(), Is.EqualTo(alert.AlertId));
        Assert.That(headers["X-DetectionKit-Alert-Id"], Is.EqualTo(alert.AlertId));
        Assert.That(headers["X-DetectionKit-Signature"], Is.EqualTo("sha256=" + WebhookAlertSink.Sign("s3cret", body)));
        Assert.That(headers["Content-Type"], Does.StartWith("application/json"));
    }

    [Test]
    public async Task TransientRefusalsAreRetriedUntilAccepted()
    {
        using var receiver = new WebhookReceiver();
        receiver.RefuseNext(2);

        await using (var sink = new WebhookAlertSink(Options(receiver)))
        {
            await sink.WriteAsync(SomeAlert.For(Some.Record()));
        }

        Assert.That((receiver.Requests, receiver.Accepted.Count), Is.EqualTo((3, 1)));
    }

    [Test]
    public async Task ARejectedRequestIsNotRetriedAndThrows()
    {
        using var receiver = new WebhookReceiver { RefusalStatus = HttpStatusCode.BadRequest };
        receiver.RefuseAll();
        await using var sink = new WebhookAlertSink(Options(receiver));

        var error = Assert.ThrowsAsync<AlertRejectedException>(async () => await sink.WriteAsync(SomeAlert.For(Some.Record())));

        Assert.That(((WebhookRefusedException)error!.InnerException!).Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(receiver.Requests, Is.EqualTo(1));
    }

    [Test]
    public async Task ARedirectIsNotFollowedAndNotCountedAsDelivered()
    {
        using var receiver = new WebhookReceiver { RefusalStatus = HttpStatusCode.MovedPermanently };
        receiver.RefuseAll();
        await using var sink = new WebhookAlertSink(Options(receiver));

        var error = Assert.ThrowsAsync<AlertRejectedException>(async () => await sink.WriteAsync(SomeAlert.For(Some.Record())));

        Assert.That(error!.Message, Does.Contain("301"));
        Assert.That((receiver.Requests, receiver.Accepted.Count), Is.EqualTo((1, 0)));
    }

    [Test]
    public async Task AnEndpointThatKeepsFailingThrowsAfterItsRetries()
    {
        using var receiver = new WebhookReceiver();
        receiver.RefuseAll();
        await using var sink = new WebhookAlertSink(Options(receiver) with { MaxRetries = 2 });

        Assert.ThrowsAsync<WebhookRefusedException>(async () => await sink.WriteAsync(SomeAlert.For(Some.Record())));

        Assert.That(receiver.Requests, Is.EqualTo(3));
    }

    private static WebhookOptions Options(WebhookReceiver receiver, string? secret = null) => new()
    {
        Url = receiver.Url,
        Secret = secret,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        AttemptTimeout = TimeSpan.FromSeconds(5),
    };
}
