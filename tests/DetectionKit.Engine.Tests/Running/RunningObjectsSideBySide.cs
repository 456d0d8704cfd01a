using System.Text;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Running;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.State;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Running;

public sealed class RunningObjectsSideBySide
{
    private static readonly string[] Users = ["alice", "bob", "carol"];

    [Test]
    public async Task ManyObjectsGiveTheSameAlertsOnOneCoreAsOnMany()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("per-user", "bool Rule(CloudTrailEvent e) => true;\nstring Dedup(CloudTrailEvent e) => e.UserIdentity.UserName;\nstring Title(CloudTrailEvent e) => $\"first seen {e.EventId}\";\n");
        var folder = Directory.CreateTempSubdirectory("detectionkit-tests-").FullName;
        for (var i = 0; i < 12; i++)
        {
            var records = Enumerable.Range(0, 40).Select(n => Some.Record(eventId: $"{i}-{n}", userIdentity: Some.IamUser(Users[(i + n) % Users.Length]))).ToArray();
            File.WriteAllText(Path.Combine(folder, $"{i:D2}.json"), Some.Delivery(records));
        }

        var ruleSet = new RuleSet(rules.Compile().Rules);
        var one = await RunAsync(ruleSet, folder, parallelism: 1);
        var many = await RunAsync(ruleSet, folder, parallelism: 4);
        Directory.Delete(folder, recursive: true);

        Assert.That(many.Alerts, Is.EqualTo(one.Alerts));
        Assert.That(one.Alerts.Select(a => a.Split('|')[1]), Is.EqualTo(new[] { "first seen 0-0", "first seen 0-1", "first seen 0-2" }));
        Assert.That((many.Summary.Batches, many.Summary.EventsRead, many.Summary.Matches), Is.EqualTo((12, 480L, 480L)));
    }

    [Test]
    public async Task RepeatsOfAWindowCountButOnlyItsFirstMatchIsDescribed()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule(
            "burst",
            "bool Rule(CloudTrailEvent e) => true;\nstring Dedup(CloudTrailEvent e) => \"all\";\nstring Title(CloudTrailEvent e) => e.EventId == \"1\" ? \"first\" : throw new InvalidOperationException(\"described twice\");\n",
            RuleYaml.Rule("burst", extra: "threshold: 3\n"));
        var input = Some.JsonLines(Some.Record(eventId: "1"), Some.Record(eventId: "2"), Some.Record(eventId: "3"));

        var (summary, alerts) = await Pipeline.RunAsync(new RuleSet(rules.Compile().Rules), Pipeline.Stdin(input));

        var alert = alerts.Single();
        Assert.That((alert.Title, alert.EventCount), Is.EqualTo(("first", 3)));
        Assert.That(alert.EventIds, Is.EqualTo(new[] { "1", "2", "3" }));
        Assert.That(summary.RuleErrors, Is.Empty);
    }

    [Test]
    public async Task AnObjectAStopInterruptsIsNotCommittedSoTheNextRunReadsItAgain()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", "bool Rule(CloudTrailEvent e) => true;\n");
        using var stop = new CancellationTokenSource();
        var records = Enumerable.Range(0, 5000).Select(n => Some.Record(eventId: $"{n}")).ToArray();
        var source = new StopAfterFirstRecords(Encoding.UTF8.GetBytes(Some.Delivery(records)), stop);
        using var state = SqliteAlertStateStore.InMemory();

        // No grace: the object in hand is cut short at once rather than given time to finish.
        var summary = await new DetectionRunner(new RuleSet(rules.Compile().Rules), state) { Parallelism = 1, StopGrace = TimeSpan.Zero }.RunAsync(source, stop: stop.Token);

        Assert.That(summary.Stopped, Is.True);
        Assert.That((summary.Batches, summary.Matches), Is.EqualTo((0, 0L)));
        Assert.That(state.Undelivered("run", "out", new HashSet<string> { "rule" }), Is.Empty);
    }

    private static async Task<(RunSummary Summary, IReadOnlyList<string> Alerts)> RunAsync(RuleSet rules, string folder, int parallelism)
    {
        using var state = SqliteAlertStateStore.InMemory();
        var summary = await new DetectionRunner(rules, state) { Parallelism = parallelism }.RunAsync(new FileEventSource([folder]));
        var alerts = state.Undelivered("run", "out", rules.Rules.Select(r => r.Id).ToHashSet())
            .Select(a => $"{a.DedupKey}|{a.Title}|{a.EventCount}|{string.Join(",", a.EventIds)}")
            .ToList();
        return (summary, alerts);
    }

    /// <summary>One object whose reading asks the run to stop once its first records are read.</summary>
    private sealed class StopAfterFirstRecords(byte[] delivery, CancellationTokenSource stop) : IEventSource
    {
        public async IAsyncEnumerable<EventBatch> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            yield return EventBatch.Open("object", () => new StopOnRead(delivery, stop));
        }
    }

    private sealed class StopOnRead(byte[] data, CancellationTokenSource stop) : Stream
    {
        private readonly MemoryStream inner = new(data, writable: false);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            stop.Cancel();
            return inner.Read(buffer, offset, Math.Min(count, 4096));
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
