using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.State;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Scripting;
using DetectionKit.Tests.Shared;
using static DetectionKit.Engine.Tests.Correlation.CorrelationRecords;

namespace DetectionKit.Engine.Tests.Correlation;

public class RaisingFirstSeen
{
    private static void AddRule(TempRulesDirectory rules) =>
        rules.AddRule("aws/code", "bool Rule(CloudTrailEvent e) => true; string Dedup(CloudTrailEvent e) => e.UserIdentity.Arn;", RuleYaml.Rule("test.code", severity: "low", match: "eventName: UpdateFunctionCode", extra: "dedup: { periodMinutes: 5 }\nfirst_seen:\n  within: 30d\n  severity: medium\n"));

    [Test]
    public async Task TheFirstMatchOfAKeyInItsPeriodIsRaisedAcrossRunsOnceTheStateKnowsAWholePeriod()
    {
        using var rules = new TempRulesDirectory();
        AddRule(rules);
        var ruleSet = new RuleSet(rules.Compile().Rules);
        var day = 24 * 60;
        using var state = SqliteAlertStateStore.Open(Path.Combine(rules.Root, "state.db"));
        async Task<AlertSeverity> At(string id, int minute, string user = "alice")
        {
            var (_, alerts) = await Pipeline.RunAsync(ruleSet, Inputs(Records(Call(id, minute, "UpdateFunctionCode", user: user, source: "lambda.amazonaws.com"))), state);
            return alerts.Single().Severity;
        }

        Assert.That(await At("u1", 0), Is.EqualTo(AlertSeverity.Low), "a new state knows of no earlier update, which is not the same as there having been none");
        Assert.That(await At("u2", 10 * day), Is.EqualTo(AlertSeverity.Low));
        Assert.That(await At("e1", 10 * day + 1, "eve"), Is.EqualTo(AlertSeverity.Low), "eve's first, but the state has followed the rule for ten days only");
        Assert.That(await At("u3", 41 * day), Is.EqualTo(AlertSeverity.Medium), "31 days after alice's last");
        Assert.That(await At("e2", 45 * day, "eve"), Is.EqualTo(AlertSeverity.Medium), "35 days after eve's last");
        Assert.That(await At("u4", 50 * day), Is.EqualTo(AlertSeverity.Low), "nine days after alice's last");
        Assert.That(await At("u0", 40 * day), Is.EqualTo(AlertSeverity.Medium), "a late file's event is judged by what came before it in event time");
    }

    [Test]
    public void AFirstSeenPeriodLongerThanTheStateKeepsIsRefused()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("aws/code", "bool Rule(CloudTrailEvent e) => true;", RuleYaml.Rule("test.code", extra: "first_seen:\n  within: 400d\n  severity: medium\n"));

        var problem = rules.Load().Diagnostics.Single(d => d.IsError);

        Assert.That(problem.Message, Does.Contain("'within' is at most 366d"));
    }
}
