using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Running;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Scripting;
using DetectionKit.Tests.Shared;
using static DetectionKit.Engine.Tests.Correlation.CorrelationRecords;

namespace DetectionKit.Engine.Tests.State;

/// <summary>What a store keeps for a rule's <c>first_seen</c> across runs, in every store: the same raises from SQLite and DynamoDB.</summary>
[TestFixtureSource(nameof(Stores))]
public sealed class KeepingFirstSeenTimes(string storeName)
{
    public static IEnumerable<string> Stores => SharedStores.Names;

    [Test]
    public async Task AMatchIsRaisedWhenItsKeyIsNewInAPeriodTheStateHasFollowed()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("aws/code", "bool Rule(CloudTrailEvent e) => true; string Dedup(CloudTrailEvent e) => e.UserIdentity.Arn;", RuleYaml.Rule("test.code", severity: "low", match: "eventName: UpdateFunctionCode", extra: "dedup: { periodMinutes: 5 }\nfirst_seen:\n  within: 30d\n  severity: medium\n"));
        var ruleSet = new RuleSet(rules.Compile().Rules);
        using var state = SharedStores.Open(storeName);
        var scope = SharedStores.NewScope();
        var day = 24 * 60;
        async Task<AlertSeverity> At(string id, int minute, string user = "alice")
        {
            await new DetectionRunner(ruleSet, state, scope) { Parallelism = 1 }.RunAsync(Inputs(Records(Call(id, minute, "UpdateFunctionCode", user: user, source: "lambda.amazonaws.com"))));
            var alert = state.Undelivered(scope, "out", new HashSet<string> { "test.code" }).Single();
            state.MarkDelivered(scope, alert.AlertId, "out");
            return alert.Severity;
        }

        Assert.That(await At("u1", 0), Is.EqualTo(AlertSeverity.Low), "nothing is known before the first match");
        Assert.That(await At("e1", 10 * day, "eve"), Is.EqualTo(AlertSeverity.Low), "followed for ten days only");
        Assert.That(await At("u2", 41 * day), Is.EqualTo(AlertSeverity.Medium));
        Assert.That(await At("u3", 50 * day), Is.EqualTo(AlertSeverity.Low));
        Assert.That(await At("e2", 50 * day + 1, "eve"), Is.EqualTo(AlertSeverity.Medium));

        state.PruneWindows(scope, Start + TimeSpan.FromDays(200), ["out"]);
        Assert.That(await At("u4", 60 * day), Is.EqualTo(AlertSeverity.Low), "pruning the windows keeps the first-seen times and the tracking start");
    }
}
