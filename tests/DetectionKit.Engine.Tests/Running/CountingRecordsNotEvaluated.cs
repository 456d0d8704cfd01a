using System.Text.Json.Nodes;
using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Running;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.State;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Running;

public sealed class CountingRecordsNotEvaluated
{
    private const string MatchesEverything = "bool Rule(CloudTrailEvent e) => true;\nstring Dedup(CloudTrailEvent e) => e.EventId ?? \"none\";\n";

    [Test]
    public async Task ARecordThatIsNotCloudTrailIsReportedCountedAndNotEvaluated()
    {
        var input = Some.JsonLines(Some.Record(eventId: "good"), new JsonObject { ["message"] = "hello", ["level"] = "info", ["eventTime"] = Some.EventTime });

        var (summary, alerts) = await RunAsync(input);

        Assert.That(alerts.Select(a => a.EventId), Is.EqualTo(new[] { "good" }));
        Assert.That(summary.Inputs.NotCloudTrail, Is.EqualTo(1));
        var problem = summary.InputProblems.Single();
        Assert.That((problem.Code, problem.IsError), Is.EqualTo((DiagnosticCodes.NotCloudTrail, false)));
        Assert.That((problem.Location.Path, problem.Location.Line, problem.Location.Column), Is.EqualTo(("<stdin>", 2, 1)));
        Assert.That(problem.Message, Does.StartWith("record index 1: not a CloudTrail record"));
    }

    [Test]
    public async Task UndatedRecordsAreNeverEvaluatedWithATimeMadeUpForThem()
    {
        // Today's bug: both landed in the 1970 window, and the second alert reused the first one's id.
        var first = Undated(Some.Record(eventId: "first"));
        var second = Undated(Some.Record(eventId: "second"));

        var (summary, alerts) = await RunAsync(Some.JsonLines(first, second));

        Assert.That(alerts, Is.Empty);
        Assert.That(summary.Inputs.Undated, Is.EqualTo(2));
        Assert.That(summary.InputProblems.Select(p => (p.Code, p.Location.Line)), Is.EqualTo(new[] { (DiagnosticCodes.UndatedRecord, 1), (DiagnosticCodes.UndatedRecord, 2) }));
        Assert.That(summary.InputProblems[1].Message, Does.StartWith("record index 1: no eventTime"));
        Assert.That(summary.HasErrors, Is.False, "not evaluated is a warning; --strict makes it fail a run");
    }

    [TestCase("05/08/2024 10:00", "eventTime '05/08/2024 10:00' is not an ISO-8601 time")]
    [TestCase("yesterday", "eventTime 'yesterday' is not an ISO-8601 time")]
    public async Task AnEventTimeThatIsNotIso8601IsNotReadAsSomeDay(string time, string message)
    {
        var record = Some.Record();
        record["eventTime"] = time;

        var (summary, alerts) = await RunAsync(Some.Delivery(Some.Record(eventId: "good"), record));

        Assert.That(alerts, Has.Count.EqualTo(1));
        Assert.That(summary.Inputs.BadEventTime, Is.EqualTo(1));
        var problem = summary.InputProblems.Single();
        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.BadEventTime));
        Assert.That(problem.Message, Does.Contain(message));
        Assert.That(problem.Message, Does.StartWith("record index 1:"));
    }

    [Test]
    public async Task AnEventTimeThatIsNotAStringIsABadEventTime()
    {
        var record = Some.Record();
        record["eventTime"] = 1722852000;

        var (summary, alerts) = await RunAsync(Some.Delivery(record));

        Assert.That(alerts, Is.Empty);
        Assert.That(summary.Inputs.BadEventTime, Is.EqualTo(1));
        Assert.That(summary.InputProblems.Single().Message, Does.Contain("eventTime is a number, not an ISO-8601 time"));
    }

    [Test]
    public async Task InsightsRecordsAndLogstashRecordsAreCloudTrailAndDatedCorrectly()
    {
        var logstash = Some.Record(eventId: "logstash");
        logstash.Remove("eventTime");
        logstash["@timestamp"] = "2020-09-14T22:45:03.412Z";

        var (summary, alerts) = await RunAsync(Some.JsonLines(Some.Insight(), logstash));

        Assert.That(summary.EventsRead, Is.EqualTo(2));
        Assert.That(summary.Inputs, Is.EqualTo(InputCounts.None));
        Assert.That(summary.InputProblems, Is.Empty);
        Assert.That(RecordCheck.Check(Some.Event(Some.Insight())), Is.Null, "an Insights record names its event under insightDetails");
        var alert = alerts.Single(a => a.EventId == "logstash");
        Assert.That(alert.EventTime, Is.EqualTo(DateTimeOffset.Parse("2020-09-14T22:45:03Z")));
        Assert.That(alert.WindowStart, Is.EqualTo(DateTimeOffset.Parse("2020-09-14T22:00:00Z")));
    }

    [Test]
    public async Task RecordsNotEvaluatedAreListedUpToTheCapPerObjectAndAllCounted()
    {
        var records = Enumerable.Range(0, CloudTrailRecordReader.MaxProblemsKept + 50).Select(i => Undated(Some.Record(eventId: $"e{i}"))).ToArray();

        var (summary, _) = await RunAsync(Some.JsonLines(records));

        Assert.That(summary.Inputs.Undated, Is.EqualTo(CloudTrailRecordReader.MaxProblemsKept + 50));
        Assert.That(summary.InputProblems, Has.Count.EqualTo(CloudTrailRecordReader.MaxProblemsKept + 1));
        Assert.That(summary.InputProblems[^1].Message, Does.StartWith("50 more records of this input were not evaluated"));
    }

    [Test]
    public async Task EmptyAndUnreadableInputsAreCounted()
    {
        using var folder = new TempRulesDirectory();
        folder.Write("a-empty.json", string.Empty);
        folder.Write("b-blank.jsonl", "\n  \n");
        folder.Write("c-no-records.json", """{"Records":[]}""");
        folder.Write("d-good.json", Some.Delivery(Some.Record()));
        folder.Write("e-truncated.json", Some.Delivery(Some.Record())[..40]);
        var source = new FileEventSource([folder.Root, Path.Combine(folder.Root, "missing.json")]);

        var (summary, alerts) = await RunAsync(source);

        Assert.That(alerts, Has.Count.EqualTo(1));
        Assert.That((summary.Inputs.Empty, summary.Inputs.Unreadable), Is.EqualTo((3, 2)));
        Assert.That(summary.InputProblems.Where(p => p.Code == DiagnosticCodes.EmptyInput).Select(p => Path.GetFileName(p.Location.Path)), Is.EqualTo(new[] { "a-empty.json", "b-blank.jsonl", "c-no-records.json" }));
        Assert.That(summary.InputProblems.Where(p => p.Code == DiagnosticCodes.EmptyInput).All(p => !p.IsError));
    }

    [Test]
    public async Task ADeadLetterFileReceivesEachRecordAndInputThatWasNotReadWithItsReason()
    {
        using var folder = new TempRulesDirectory();
        var big = Undated(Some.Record(eventId: "big"));
        big["requestParameters"] = new JsonObject { ["blob"] = new string('x', DeadLetterFile.MaxRawBytes) };
        folder.Write("a.jsonl", Some.Record(eventId: "good").ToJsonString() + "\n{\"eventName\": oops}\n" + Undated(Some.Record(eventId: "undated")).ToJsonString() + "\n" + big.ToJsonString() + "\n");
        var path = folder.PathOf("out/dead-letters.jsonl");

        using (var deadLetters = DeadLetterFile.Open(path))
        {
            await RunAsync(new FileEventSource([folder.PathOf("a.jsonl"), folder.PathOf("missing.json")]), deadLetters);
            Assert.That(deadLetters.Count, Is.EqualTo(4));
        }

        var entries = File.ReadAllLines(path).Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
        Assert.That(entries.Select(e => (string)e["code"]!), Is.EqualTo(new[] { DiagnosticCodes.InputUnreadable, DiagnosticCodes.UndatedRecord, DiagnosticCodes.UndatedRecord, DiagnosticCodes.InputUnreadable }));
        Assert.That(entries.Select(e => Path.GetFileName((string)e["source"]!)), Is.EqualTo(new[] { "a.jsonl", "a.jsonl", "a.jsonl", "missing.json" }));
        Assert.That((int)entries[0]["line"]!, Is.EqualTo(2));
        Assert.That((string)entries[0]["raw"]!, Is.EqualTo("{\"eventName\": oops}"), "a bad line's own text");
        Assert.That(((long)entries[1]["record"]!, (int)entries[1]["line"]!), Is.EqualTo((1L, 3)));
        Assert.That(JsonNode.Parse((string)entries[1]["raw"]!)!["eventID"]!.GetValue<string>(), Is.EqualTo("undated"));
        Assert.That((string)entries[1]["reason"]!, Does.StartWith("no eventTime"));
        Assert.That(entries[2].ContainsKey("raw"), Is.False, "a record over 64 KiB is not copied");
        Assert.That((long)entries[2]["rawBytes"]!, Is.GreaterThan(DeadLetterFile.MaxRawBytes));
        Assert.That((string)entries[3]["reason"]!, Is.EqualTo("no such file or directory"));
    }

    [Test]
    public async Task ADeadLetterFileIsAppendedToAndWholeWhenObjectsAreReadSideBySide()
    {
        using var folder = new TempRulesDirectory();
        for (var i = 0; i < 12; i++)
        {
            folder.Write($"in/{i:00}.jsonl", Some.JsonLines([.. Enumerable.Range(0, 20).Select(n => Undated(Some.Record(eventId: $"{i}-{n}")))]));
        }

        var path = folder.PathOf("dead-letters.jsonl");
        File.WriteAllText(path, "{\"earlier\":true}\n");
        using (var deadLetters = DeadLetterFile.Open(path))
        {
            await RunAsync(new FileEventSource([folder.PathOf("in")]), deadLetters, parallelism: 4);
        }

        var lines = File.ReadAllLines(path);
        Assert.That(lines[0], Is.EqualTo("{\"earlier\":true}"));
        var ids = lines.Skip(1).Select(line => JsonNode.Parse((string)JsonNode.Parse(line)!["raw"]!)!["eventID"]!.GetValue<string>()).ToList();
        Assert.That(ids, Is.EquivalentTo(Enumerable.Range(0, 12).SelectMany(i => Enumerable.Range(0, 20).Select(n => $"{i}-{n}"))));
    }

    private static JsonObject Undated(JsonObject record)
    {
        record.Remove("eventTime");
        return record;
    }

    private static Task<(RunSummary Summary, IReadOnlyList<Alert> Alerts)> RunAsync(string stdin) => RunAsync(Pipeline.Stdin(stdin));

    private static async Task<(RunSummary Summary, IReadOnlyList<Alert> Alerts)> RunAsync(IEventSource source, IDeadLetterSink? deadLetters = null, int parallelism = 1)
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", MatchesEverything);
        using var state = SqliteAlertStateStore.InMemory();
        var sink = new CollectingAlertSink();
        var pass = await new DetectionPass(new RuleSet(rules.Compile().Rules), state, "run").RunAsync(source, [new AlertOutput("test", sink)], new PassOptions { DeadLetters = deadLetters, Parallelism = parallelism });
        return (pass.Run, sink.Alerts);
    }
}
