using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Running;

public sealed class RunningDetections
{
    [Test]
    public async Task WhenARuleThrowsTheOtherRulesStillAlert()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("a-throws", "bool Rule(CloudTrailEvent e) => throw new InvalidOperationException(\"boom\");\n");
        rules.AddRule("b-alerts", Scripts.MatchesSuccess);
        var ruleSet = new RuleSet(rules.Compile().Rules);
        var input = Some.JsonLines(Some.Record(eventId: "first"), Some.Record(eventId: "second"), Some.Record(errorCode: "AccessDenied", eventId: "denied"));

        var (summary, alerts) = await Pipeline.RunAsync(ruleSet, Pipeline.Stdin(input));

        Assert.That(alerts.Select(a => (a.RuleId, a.EventCount)), Is.EqualTo(new[] { ("b-alerts", 2) }));
        Assert.That(alerts[0].EventIds, Is.EqualTo(new[] { "first", "second" }));
        Assert.That(summary.RuleErrors.Select(e => (e.RuleId, e.EventId)), Is.EqualTo(new[] { ("a-throws", "first"), ("a-throws", "second"), ("a-throws", "denied") }));
        Assert.That(summary.HasErrors, Is.True);
    }

    [Test]
    public async Task TheSummaryCountsBatchesEventsAndMatches()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess);
        var input = Some.JsonLines(Some.Record(), Some.Record("CreateUser", "iam.amazonaws.com"), Some.Record(errorCode: "AccessDenied"));

        var (summary, _) = await Pipeline.RunAsync(new RuleSet(rules.Compile().Rules), Pipeline.Stdin(input));

        Assert.That((summary.Batches, summary.EventsRead, summary.Matches), Is.EqualTo((1, 3L, 1L)));
        Assert.That(summary.HasErrors, Is.False);
    }

    [Test]
    public async Task AnAlertCarriesTheDetectionAndTheEventFacts()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", "bool Rule(CloudTrailEvent e) => true;\nobject AlertContext(CloudTrailEvent e) => new { actor = e.ActorName };\n");

        var (_, alerts) = await Pipeline.RunAsync(new RuleSet(rules.Compile().Rules), Pipeline.Stdin(Some.Record().ToJsonString()));

        var alert = alerts.Single();
        Assert.Multiple(() =>
        {
            Assert.That(alert.Title, Is.EqualTo("Trail stopped"));
            Assert.That(alert.EventSource, Is.EqualTo("cloudtrail.amazonaws.com"));
            Assert.That(alert.EventName, Is.EqualTo("StopLogging"));
            Assert.That(alert.RecipientAccountId, Is.EqualTo(Some.AccountId));
            Assert.That(alert.AwsRegion, Is.EqualTo("us-east-1"));
            Assert.That(alert.Context!.ToJsonString(), Is.EqualTo("""{"actor":"alice"}"""));
            Assert.That(alert.EventCount, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task BadInputIsCountedAsAProblemNotThrown()
    {
        var (summary, _) = await Pipeline.RunAsync(RuleSet.Empty, Pipeline.Stdin("{ not json"));

        Assert.That(summary.InputProblems, Has.Count.EqualTo(1));
        Assert.That(summary.HasErrors, Is.True);
    }
}
