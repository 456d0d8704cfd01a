using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.State;
using DetectionKit.Tests.Shared;
using static DetectionKit.Engine.Tests.Support.SomeAlert;

namespace DetectionKit.Engine.Tests.Delivery;

/// <summary>
/// A real loopback receiver that never answers for some alerts: one slow alert holds up none of the
/// others, and is not posted again in the same run. The timeout leaves room for a cold first request.
/// </summary>
public sealed class DeliveringPastASlowWebhook
{
    private static readonly HashSet<string> AllRules = ["rule"];

    [Test]
    public async Task AnAlertTheWebhookDoesNotAnswerInTimeIsPostedOnceThenTheOthersGoOutAndItIsOfferedAgainNextRun()
    {
        using var receiver = new WebhookReceiver();
        using var state = SqliteAlertStateStore.InMemory();
        state.Commit("s", [Match(At("13:06:24", "e1"), dedupKey: "a"), Match(At("13:07:24", "e2"), dedupKey: "slow"), Match(At("13:08:24", "e3"), dedupKey: "c")], null);
        var slow = IdsOf(state)["slow"];
        receiver.StallOn(slow);

        var first = await DeliverAsync(state, receiver);
        receiver.StallOn();
        var second = await DeliverAsync(state, receiver);

        Assert.That(first.Delivered["out"], Is.EqualTo(2), "the alerts after the slow one went out");
        var failure = first.Failures.Single();
        Assert.That(failure.Code, Is.EqualTo(DiagnosticCodes.DeliveryTimedOut));
        Assert.That(failure.Message, Does.Contain(slow).And.Contain("did not answer within 2 s").And.Contain("offered again next run"));
        Assert.That((second.Delivered["out"], second.Failures.Count), Is.EqualTo((1, 0)));
        Assert.That(receiver.Received.Count(id => id == slow), Is.EqualTo(2), "posted once per run, not once per retry");
        Assert.That(state.Undelivered("s", "out", AllRules), Is.Empty);
    }

    [Test]
    public async Task AfterTwoAlertsInARowTimeOutTheRestWaitForTheNextRun()
    {
        using var receiver = new WebhookReceiver();
        using var state = SqliteAlertStateStore.InMemory();
        state.Commit("s", [Match(At("13:06:24", "e1"), dedupKey: "a"), Match(At("13:07:24", "e2"), dedupKey: "b"), Match(At("13:08:24", "e3"), dedupKey: "c"), Match(At("13:09:24", "e4"), dedupKey: "d")], null);
        var ids = IdsOf(state);
        receiver.StallOn(ids["b"], ids["c"]);

        var report = await DeliverAsync(state, receiver);

        Assert.That(report.Delivered["out"], Is.EqualTo(1), string.Join("\n", report.Failures.Select(f => f.Message)));
        Assert.That(report.Failures.Select(f => f.Code), Is.EqualTo(new[] { DiagnosticCodes.DeliveryTimedOut, DiagnosticCodes.DeliveryTimedOut }));
        Assert.That(report.Failures[1].Message, Does.Contain("counts as unreachable for this run: this alert and the 1 after it stay pending"));
        Assert.That(receiver.Received, Is.EqualTo(new[] { ids["a"], ids["b"], ids["c"] }), "d was not tried");
        Assert.That(state.Undelivered("s", "out", AllRules).Select(a => a.DedupKey), Is.EqualTo(new[] { "b", "c", "d" }));
    }

    private static async Task<DeliveryReport> DeliverAsync(SqliteAlertStateStore state, WebhookReceiver receiver)
    {
        await using var sink = new WebhookAlertSink(new WebhookOptions { Url = receiver.Url, RetryDelay = TimeSpan.FromMilliseconds(10), AttemptTimeout = TimeSpan.FromSeconds(2) });
        return await AlertDelivery.DeliverAsync(state, "s", [new AlertOutput("out", sink)], AllRules);
    }

    private static Dictionary<string, string> IdsOf(SqliteAlertStateStore state) =>
        state.Undelivered("s", "out", AllRules).ToDictionary(a => a.DedupKey, a => a.AlertId);
}
