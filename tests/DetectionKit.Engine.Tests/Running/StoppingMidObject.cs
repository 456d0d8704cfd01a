using System.Runtime.CompilerServices;
using System.Text;
using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Running;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.State;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Running;

/// <summary>
/// A stop request ends a pass in bounded time even while a rule call or the read of an object is
/// slow, and nothing of the object it cut short is committed. The bounds are generous: these are
/// behaviour tests, not benchmarks (without the stop, each would run for a minute or for ever).
/// </summary>
public sealed class StoppingMidObject
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Test]
    public async Task AStopEndsARuleCallInProgressAndCommitsNothingOfItsObject()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("slow", "bool Rule(CloudTrailEvent e)\n{\n    var n = 0L;\n    while (n < long.MaxValue)\n    {\n        n++;\n    }\n\n    return n == 0;\n}\n");

        // No step limit, and a wall clock far past the test's bound: only the stop can end the call.
        var budget = EvaluationBudget.Default with { MaxSteps = 0, MaxAllocatedBytes = 0, MaxWallClock = TimeSpan.FromSeconds(60) };
        var ruleSet = new RuleSet(rules.Compile().Rules, budget);
        using var state = SqliteAlertStateStore.InMemory();
        using var stop = new CancellationTokenSource();
        var source = new OneBatch(EventBatch.Open("s3://bucket/slow.json", () => new MemoryStream(Encoding.UTF8.GetBytes(Some.Record().ToJsonString())), sourceKey: "slow.json"));

        var run = Task.Run(() => new DetectionRunner(ruleSet, state) { Parallelism = 1 }.RunAsync(source, stop: stop.Token));
        stop.CancelAfter(TimeSpan.FromMilliseconds(300));
        var summary = await run.WaitAsync(Bound);

        Assert.That(summary.Stopped, Is.True);
        Assert.That((summary.Batches, summary.ObjectsRead, summary.EventsRead), Is.EqualTo((0, 0, 0L)), "the object cut short is not committed");
        Assert.That(summary.RuleErrors, Is.Empty, "a call the stop cut short is not a rule error");
    }

    [Test]
    public async Task AStopEndsTheReadOfASlowObjectThatYieldsNoRecord()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess);
        using var state = SqliteAlertStateStore.InMemory();
        using var stop = new CancellationTokenSource();
        var source = new OneBatch(EventBatch.Open("s3://bucket/endless.json", () => new EndlessBlanks(), sourceKey: "endless.json"));

        var run = Task.Run(() => new DetectionRunner(new RuleSet(rules.Compile().Rules), state) { Parallelism = 2 }.RunAsync(source, checkpointOf: b => new Checkpoint("job", b.SourceKey!), stop: stop.Token));
        stop.CancelAfter(TimeSpan.FromMilliseconds(300));
        var summary = await run.WaitAsync(Bound);

        Assert.That(summary.Stopped, Is.True);
        Assert.That((summary.Batches, summary.ObjectsRead), Is.EqualTo((0, 0)));
        Assert.That(state.IsProcessed(new Checkpoint("job", "endless.json")), Is.False, "the next run reads it again");
    }

    [Test]
    public async Task ObjectsReadCountsOnlyObjectsReadToTheirEndAndCommitted()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess);
        using var state = SqliteAlertStateStore.InMemory();
        var good = Encoding.UTF8.GetBytes(Some.Delivery([Some.Record()]));
        var truncated = Gzip.Compress(Some.Delivery([Some.Record(), Some.Record()]));
        var source = new Inputs(
            EventBatch.Open("s3://bucket/good.json", () => new MemoryStream(good), sourceKey: "good.json"),
            EventBatch.Open("s3://bucket/cut.json.gz", () => new MemoryStream(truncated[..(truncated.Length / 2)]), sourceKey: "cut.json.gz"),
            EventBatch.Failed("s3://bucket/gone.json", Diagnostic.Error(DiagnosticCodes.InputUnreadable, new SourceLocation("s3://bucket/gone.json"), "cannot be read: timed out")),
            EventBatch.Notice("s3://bucket/AWSLogs/", Diagnostic.Warning(DiagnosticCodes.NothingToRead, new SourceLocation("s3://bucket/AWSLogs/"), "no object in range")));

        var summary = await new DetectionRunner(new RuleSet(rules.Compile().Rules), state) { Parallelism = 1 }.RunAsync(source);

        Assert.That(summary.Batches, Is.EqualTo(4), "every input is still counted as an input");
        Assert.That(summary.ObjectsRead, Is.EqualTo(1), "only the good object was read to its end");
    }

    private sealed class Inputs(params EventBatch[] batches) : IEventSource
    {
        public async IAsyncEnumerable<EventBatch> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var batch in batches)
            {
                await Task.Yield();
                yield return batch;
            }
        }
    }

    private sealed class OneBatch(EventBatch batch) : IEventSource
    {
        public async IAsyncEnumerable<EventBatch> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield return batch;
        }
    }

    /// <summary>An object that trickles blanks for ever: read whole, it would never yield a record nor end.</summary>
    private sealed class EndlessBlanks : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Thread.Sleep(10);
            buffer[offset] = (byte)' ';
            return 1;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
