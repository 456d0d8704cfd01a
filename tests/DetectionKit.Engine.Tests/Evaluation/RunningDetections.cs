using System.Text;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.Tests.Support;

namespace DetectionKit.Engine.Tests.Evaluation;

public sealed class RunningDetections
{
    [Test]
    public async Task WhenARuleThrowsTheOtherRulesStillAlert()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("a-throws", "bool Rule(CloudTrailEvent e) => throw new InvalidOperationException(\"boom\");\n");
        rules.AddRule("b-alerts", Scripts.MatchesSuccess);
        var ruleSet = new RuleSet(rules.Compile().Rules);
        var sink = new CollectingAlertSink();
        var input = Some.JsonLines(Some.Record(eventId: "first"), Some.Record(eventId: "second"), Some.Record(errorCode: "AccessDenied", eventId: "denied"));

        var summary = await new DetectionRunner(ruleSet, sink).RunAsync(Stdin(input));

        Assert.That(sink.Alerts.Select(a => (a.RuleId, a.EventId)), Is.EqualTo(new[] { ("b-alerts", "first"), ("b-alerts", "second") }));
        Assert.That(summary.RuleErrors.Select(e => (e.RuleId, e.EventId)), Is.EqualTo(new[] { ("a-throws", "first"), ("a-throws", "second"), ("a-throws", "denied") }));
        Assert.That(summary.HasErrors, Is.True);
    }

    [Test]
    public async Task TheSummaryCountsBatchesEventsAndAlerts()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess);
        var sink = new CollectingAlertSink();
        var input = Some.JsonLines(Some.Record(), Some.Record("CreateUser", "iam.amazonaws.com"), Some.Record(errorCode: "AccessDenied"));

        var summary = await new DetectionRunner(new RuleSet(rules.Compile().Rules), sink).RunAsync(Stdin(input));

        Assert.That((summary.Batches, summary.EventsRead, summary.Alerts), Is.EqualTo((1, 3L, 1L)));
        Assert.That(summary.HasErrors, Is.False);
    }

    [Test]
    public async Task AnAlertCarriesTheDetectionAndTheEventFacts()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", "bool Rule(CloudTrailEvent e) => true;\nobject AlertContext(CloudTrailEvent e) => new { actor = e.ActorName };\n");
        var sink = new CollectingAlertSink();

        await new DetectionRunner(new RuleSet(rules.Compile().Rules), sink).RunAsync(Stdin(Some.Record().ToJsonString()));

        var alert = sink.Alerts.Single();
        Assert.Multiple(() =>
        {
            Assert.That(alert.Title, Is.EqualTo("Trail stopped"));
            Assert.That(alert.EventSource, Is.EqualTo("cloudtrail.amazonaws.com"));
            Assert.That(alert.EventName, Is.EqualTo("StopLogging"));
            Assert.That(alert.RecipientAccountId, Is.EqualTo(Some.AccountId));
            Assert.That(alert.AwsRegion, Is.EqualTo("us-east-1"));
            Assert.That(alert.Context!.ToJsonString(), Is.EqualTo("""{"actor":"alice"}"""));
        });
    }

    [Test]
    public async Task BadInputIsCountedAsAProblemNotThrown()
    {
        var summary = await new DetectionRunner(RuleSet.Empty, new CollectingAlertSink()).RunAsync(Stdin("{ not json"));

        Assert.That(summary.InputProblems, Has.Count.EqualTo(1));
        Assert.That(summary.HasErrors, Is.True);
    }

    private static FileEventSource Stdin(string text) =>
        new(["-"], () => new MemoryStream(Encoding.UTF8.GetBytes(text)));
}
