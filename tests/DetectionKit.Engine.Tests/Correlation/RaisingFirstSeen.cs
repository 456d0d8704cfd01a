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
    public async Task TheFirstMatchOfAKeyInItsPeriodIsRaisedAcrossRuns()
    {
        using var rules = new TempRulesDirectory();
        AddRule(rules);
        var ruleSet = new RuleSet(rules.Compile().Rules);
        var day = 24 * 60;
        using var state = SqliteAlertStateStore.Open(Path.Combine(rules.Root, "state.db"));

        var (_, first) = await Pipeline.RunAsync(ruleSet, Inputs(Records(Call("u1", 0, "UpdateFunctionCode", source: "lambda.amazonaws.com"))), state);
        var (_, routine) = await Pipeline.RunAsync(ruleSet, Inputs(Records(Call("u2", 10 * day, "UpdateFunctionCode", source: "lambda.amazonaws.com"))), state);
        var (_, other) = await Pipeline.RunAsync(ruleSet, Inputs(Records(Call("u3", 10 * day + 1, "UpdateFunctionCode", user: "eve", source: "lambda.amazonaws.com"))), state);
        var (_, dormant) = await Pipeline.RunAsync(ruleSet, Inputs(Records(Call("u4", 41 * day, "UpdateFunctionCode", source: "lambda.amazonaws.com"))), state);
        var (_, late) = await Pipeline.RunAsync(ruleSet, Inputs(Records(Call("u0", -3 * day, "UpdateFunctionCode", source: "lambda.amazonaws.com"))), state);

        Assert.That(first.Single().Severity, Is.EqualTo(AlertSeverity.Medium));
        Assert.That(routine.Single().Severity, Is.EqualTo(AlertSeverity.Low), "the same principal updated it ten days before");
        Assert.That(other.Single().Severity, Is.EqualTo(AlertSeverity.Medium), "another principal's first update");
        Assert.That(dormant.Single().Severity, Is.EqualTo(AlertSeverity.Medium), "31 days after the last");
        Assert.That(late.Single().Severity, Is.EqualTo(AlertSeverity.Medium), "a late file's older event is judged by what came before it in event time");
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
