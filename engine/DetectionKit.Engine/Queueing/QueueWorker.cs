using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Amazon.S3;
using Amazon.SQS;
using Amazon.SQS.Model;
using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Running;
using DetectionKit.Engine.Sources.Notifications;
using DetectionKit.Engine.Sources.S3;
using DetectionKit.Engine.State;

namespace DetectionKit.Engine.Queueing;

/// <summary>
/// Reads the objects a queue announces as they arrive: long-polls the queue, reads every message in
/// the shapes a trail bucket produces (see <see cref="ObjectNotificationReader"/>), runs one detection
/// pass over the objects of each batch of messages, and deletes a message only once everything it
/// announced is read and committed. While the objects are read, the messages' visibility is extended so
/// no other worker takes them. A message that cannot be read, or whose object cannot be read to its
/// end, is left on the queue: it comes back after its visibility timeout, and the queue's redrive
/// policy moves it to the dead-letter queue once it has failed often enough. An object announced
/// twice (SQS delivers at least once) is read once: its checkpoint says it was committed. A message
/// that carries CloudTrail records itself (an EventBridge rule's target, a CloudWatch Logs
/// subscription) is read as a file would be, and checkpointed by its message id.
/// </summary>
public sealed class QueueWorker
{
    /// <summary>The state scope of the alert windows a worker keeps.</summary>
    public const string Scope = "worker";

    /// <summary>The checkpoint scope of the objects a worker committed.</summary>
    public const string CheckpointScope = "worker:objects";

    /// <summary>Problems kept for the summary; past this they are still logged, and counted.</summary>
    public const int MaxProblemsKept = 1000;

    private static readonly TimeSpan ReceiveRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>How long alert windows are kept after they end, as the scheduler keeps them.</summary>
    private static readonly TimeSpan WindowRetention = TimeSpan.FromDays(30);

    /// <summary>SQS keeps a message at most 14 days: an object announced again after that is read again.</summary>
    private static readonly TimeSpan CheckpointRetention = TimeSpan.FromDays(14);

    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

    private readonly IAmazonSQS queue;
    private readonly IAmazonS3 s3;
    private readonly RuleSet rules;
    private readonly IAlertStateStore state;
    private readonly IReadOnlyList<AlertOutput> outputs;
    private readonly QueueWorkerOptions options;
    private readonly List<Diagnostic> problems = [];
    private readonly WorkerHealth health;
    private readonly DeliveryClaim claim;
    private DateTimeOffset lastPruned = DateTimeOffset.MinValue;
    private DateTimeOffset? unreachableSince;

    public QueueWorker(IAmazonSQS queue, IAmazonS3 s3, RuleSet rules, IAlertStateStore state, IReadOnlyList<AlertOutput> outputs, QueueWorkerOptions options)
    {
        this.queue = queue;
        this.s3 = s3;
        this.rules = rules;
        this.state = state;
        this.outputs = outputs;
        this.options = options;
        claim = new DeliveryClaim(options.WorkerId ?? DeliveryClaim.ThisProcess.Holder, options.DeliveryClaim);
        health = new WorkerHealth(state, Counters, Scope, claim.Holder, RuleSetFingerprint.Of(rules), options.HealthInterval);
    }

    public WorkerCounters Counters { get; } = new();

    /// <summary>This worker's name in the shared state, its log and its delivery claims.</summary>
    public string WorkerId => health.WorkerId;

    /// <summary>The fingerprint of the rules and settings it runs (<see cref="RuleSetFingerprint"/>).</summary>
    public string RuleSetHash => health.RuleSetHash;

    /// <summary>What went wrong so far (the first <see cref="MaxProblemsKept"/>): unreadable messages and objects, rule errors, a queue that could not be reached.</summary>
    public IReadOnlyList<Diagnostic> Problems => problems;

    /// <summary>Problems found past <see cref="MaxProblemsKept"/>: logged, not kept.</summary>
    public long ProblemsNotKept { get; private set; }

    /// <summary>Receives and processes messages until <paramref name="stop"/> (or, with <see cref="QueueWorkerOptions.UntilEmpty"/>, until the queue is empty).</summary>
    /// <param name="log">Receives a progress line after each batch of messages, and each problem as it is found.</param>
    /// <param name="stop">Stops the worker: the objects in hand are not committed, and their messages are released to other workers at once.</param>
    /// <returns>False when the queue could not be reached.</returns>
    public async Task<bool> RunAsync(Action<string>? log = null, CancellationToken stop = default)
    {
        var visibility = await QueueVisibilityAsync(log, stop);
        health.Start(log, problem => Report(log, problem));
        try
        {
            return await ReceiveUntilStoppedAsync(visibility, log, stop);
        }
        finally
        {
            health.Stop(log);
        }
    }

    private async Task<bool> ReceiveUntilStoppedAsync(TimeSpan visibility, Action<string>? log, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await BeatIfDueAsync(log, stop);
            ReceiveMessageResponse response;
            var receiving = Stopwatch.GetTimestamp();
            try
            {
                response = await queue.ReceiveMessageAsync(
                    new ReceiveMessageRequest
                    {
                        QueueUrl = options.QueueUrl,
                        MaxNumberOfMessages = Math.Clamp(options.MaxMessages, 1, 10),
                        WaitTimeSeconds = Math.Clamp(options.WaitSeconds, 0, 20),
                        VisibilityTimeout = (int)visibility.TotalSeconds,
                        MessageSystemAttributeNames = ["ApproximateReceiveCount", "SentTimestamp"],
                    },
                    stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (S3ObjectFetch.IsReadFailure(ex, stop))
            {
                unreachableSince ??= DateTimeOffset.UtcNow;
                Report(log, Diagnostic.Error(DiagnosticCodes.QueueUnreachable, new SourceLocation(options.QueueUrl), $"cannot receive from the queue: {S3ObjectFetch.Describe(ex)}"));
                if (options.UntilEmpty)
                {
                    return false;
                }

                await Delay(ReceiveRetryDelay, stop);
                continue;
            }

            Counters.ReceiveTime += Stopwatch.GetElapsedTime(receiving);
            unreachableSince = null;
            if (response.Messages is not { Count: > 0 } messages)
            {
                Counters.Lag = TimeSpan.Zero;

                // A quiet queue: alerts an output refused earlier go out now, not with the next object.
                await DeliverPendingAsync(log);
                if (options.UntilEmpty)
                {
                    break;
                }

                continue;
            }

            await HandleAsync(messages, visibility, log, stop);
            Prune();
        }

        await DeliverPendingAsync(log);

        return true;
    }

    /// <summary>Once per health interval: the health line, with the queue's backlog, and the worker's status in the state.</summary>
    private async Task BeatIfDueAsync(Action<string>? log, CancellationToken stop)
    {
        if (!health.IsDue)
        {
            return;
        }

        (long, long)? backlog = null;
        try
        {
            var attributes = await queue.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = options.QueueUrl, AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }, stop);
            backlog = (attributes.ApproximateNumberOfMessages, attributes.ApproximateNumberOfMessagesNotVisible);
        }
        catch (Exception ex) when (S3ObjectFetch.IsReadFailure(ex, stop) || ex is OperationCanceledException)
        {
            // The line says the queue is unreachable when the receive says so; the backlog is then left out.
        }

        var condition = unreachableSince is { } since ? $"unhealthy: the queue cannot be received from since {since:u}" : "healthy";
        health.Beat(condition, backlog, log, problem => Report(log, problem));
    }

    private async Task HandleAsync(IReadOnlyList<Message> messages, TimeSpan visibility, Action<string>? log, CancellationToken stop)
    {
        Counters.Messages += messages.Count;
        Counters.Lag = messages.Select(SentAt).Min() is { } oldest ? DateTimeOffset.UtcNow - oldest : TimeSpan.Zero;
        var inHand = new List<(Message Message, IReadOnlyList<string> Ids)>();
        var announced = new List<AnnouncedObject>();
        var carried = new List<(string Id, string Origin, string Json)>();
        var done = new List<Message>();
        foreach (var message in messages)
        {
            var notification = ObjectNotificationReader.Read(message.Body ?? string.Empty);
            if (notification.Problem is { } problem)
            {
                Counters.Unreadable++;
                Report(log, Diagnostic.Error(DiagnosticCodes.QueueMessageUnreadable, Where(message), $"{problem}; the message is left on the queue (received {ReceiveCount(message)} times): its redrive policy moves it to the dead-letter queue"));
                continue;
            }

            foreach (var passed in notification.PassedOver)
            {
                log?.Invoke($"{Where(message)}: {passed}");
            }

            if (notification.Records is { } records)
            {
                // Records the message carries itself: checkpointed by what they are (EventBridge's event id, or
                // the text's hash), since EventBridge and SNS may deliver the same event twice as two messages.
                var id = notification.RecordsId ?? $"sqs:{message.MessageId}";
                carried.Add((id, Where(message).Path, records));
                inHand.Add((message, [id]));
                continue;
            }

            var ids = new List<string>();
            foreach (var item in notification.Objects)
            {
                if (CloudTrailObjectKey.Parse(item.Key) is { IsDigest: false })
                {
                    announced.Add(item);
                    ids.Add(AnnouncedObjectsSource.IdOf(item));
                }
                else
                {
                    Counters.PassedOver++;
                    log?.Invoke($"{Where(message)}: {item} is not a CloudTrail log file; passed over");
                }
            }

            if (ids.Count == 0)
            {
                done.Add(message);
            }
            else
            {
                inHand.Add((message, ids));
            }
        }

        // Short calls, made even when stopping: what was read is not read again.
        await DeleteAsync(done, log, CancellationToken.None);
        if (inHand.Count == 0)
        {
            return;
        }

        var looking = Stopwatch.GetTimestamp();
        var processed = inHand.SelectMany(m => m.Ids).Distinct(StringComparer.Ordinal).Where(id => state.IsProcessed(new Checkpoint(CheckpointScope, id))).ToHashSet(StringComparer.Ordinal);
        Counters.AlreadyProcessed += processed.Count;
        Counters.CommitTime += Stopwatch.GetElapsedTime(looking);
        var committed = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        using var extending = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var extender = ExtendVisibilityAsync(inHand.Select(m => m.Message).ToList(), visibility, log, extending.Token);
        PassResult pass;
        var reading = Stopwatch.GetTimestamp();
        long? delivering = null;
        try
        {
            var toRead = announced.DistinctBy(AnnouncedObjectsSource.IdOf).Where(o => !processed.Contains(AnnouncedObjectsSource.IdOf(o))).ToList();
            var toReadCarried = carried.DistinctBy(c => c.Id).Where(c => !processed.Contains(c.Id)).ToList();
            pass = await new DetectionPass(rules, state, Scope).RunAsync(
                new AnnouncedObjectsSource(s3, toRead, toReadCarried, options.Limits, options.Parallelism ?? Environment.ProcessorCount),
                outputs,
                new PassOptions
                {
                    CheckpointOf = batch => batch.SourceKey is { } id ? new Checkpoint(CheckpointScope, id) : null,
                    Committed = batch =>
                    {
                        if (batch.ReadToEnd && batch.SourceKey is { } id)
                        {
                            committed[id] = true;
                        }
                    },
                    Parallelism = options.Parallelism,

                    // An object committed before a stop has its message deleted: its alerts go out now, not with some later batch.
                    DeliverInFull = true,
                    DeliveryClaim = claim,
                    Delivering = () => delivering = Stopwatch.GetTimestamp(),
                },
                stop);
        }
        finally
        {
            Counters.ReadTime += Stopwatch.GetElapsedTime(reading, delivering ?? Stopwatch.GetTimestamp());
            Counters.CommitTime += delivering is { } started ? Stopwatch.GetElapsedTime(started) : TimeSpan.Zero;
            await extending.CancelAsync();
            await extender;
        }

        Counters.ObjectsRead += committed.Count;
        Counters.Events += pass.Run.EventsRead;
        Counters.Matches += pass.Run.Matches;
        Counters.Alerts += pass.Delivery.Total;
        Counters.Errors += pass.ErrorCount;
        foreach (var problem in pass.Problems)
        {
            Report(log, problem);
        }

        var read = new List<Message>();
        var unread = new List<Message>();
        foreach (var (message, ids) in inHand)
        {
            var missing = ids.Where(id => !committed.ContainsKey(id) && !processed.Contains(id)).ToList();
            if (missing.Count == 0)
            {
                read.Add(message);
                continue;
            }

            unread.Add(message);
            if (!pass.Stopped)
            {
                Counters.Retried++;
                log?.Invoke($"{Where(message)}: {string.Join(", ", missing)} not read to its end; the message is left on the queue and comes back after its visibility timeout (received {ReceiveCount(message)} times)");
            }
        }

        await DeleteAsync(read, log, CancellationToken.None);
        if (pass.Stopped)
        {
            // Stopped: what was not committed goes back to the other workers at once, not after the timeout.
            await ReleaseAsync(unread, log);
        }
    }

    /// <summary>Offers the outputs the alerts they have not accepted yet (an output that was down, a batch stopped before delivering).</summary>
    private async Task DeliverPendingAsync(Action<string>? log)
    {
        var delivering = Stopwatch.GetTimestamp();
        var report = await AlertDelivery.DeliverAsync(state, Scope, outputs, rules.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal), CancellationToken.None, claim);
        Counters.CommitTime += Stopwatch.GetElapsedTime(delivering);
        Counters.Alerts += report.Total;
        foreach (var failure in report.Failures)
        {
            Report(log, failure);
        }
    }

    /// <summary>Keeps the messages hidden while their objects are read, at half the visibility timeout, until cancelled.</summary>
    private async Task ExtendVisibilityAsync(IReadOnlyList<Message> messages, TimeSpan visibility, Action<string>? log, CancellationToken cancel)
    {
        var every = TimeSpan.FromSeconds(Math.Max(1, visibility.TotalSeconds / 2));
        while (await Delay(every, cancel))
        {
            try
            {
                await ChangeVisibilityAsync(messages, (int)visibility.TotalSeconds, log, cancel);
                Counters.Extensions++;
            }
            catch (Exception ex) when (S3ObjectFetch.IsReadFailure(ex, cancel))
            {
                log?.Invoke($"{options.QueueUrl}: warning: could not extend the visibility of the messages in hand: {S3ObjectFetch.Describe(ex)}; another worker may read them too (their objects are committed once)");
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ReleaseAsync(IReadOnlyList<Message> messages, Action<string>? log)
    {
        if (messages.Count == 0)
        {
            return;
        }

        var releasing = Stopwatch.GetTimestamp();
        try
        {
            await ChangeVisibilityAsync(messages, 0, log, CancellationToken.None);
            Counters.DeleteTime += Stopwatch.GetElapsedTime(releasing);
        }
        catch (Exception ex) when (S3ObjectFetch.IsReadFailure(ex, CancellationToken.None))
        {
            log?.Invoke($"{options.QueueUrl}: warning: could not release {messages.Count} messages: {S3ObjectFetch.Describe(ex)}; they come back after their visibility timeout");
        }
    }

    private async Task ChangeVisibilityAsync(IReadOnlyList<Message> messages, int seconds, Action<string>? log, CancellationToken cancel)
    {
        foreach (var chunk in messages.Chunk(10))
        {
            var response = await queue.ChangeMessageVisibilityBatchAsync(
                new ChangeMessageVisibilityBatchRequest
                {
                    QueueUrl = options.QueueUrl,
                    Entries = chunk.Select((m, i) => new ChangeMessageVisibilityBatchRequestEntry { Id = i.ToString(CultureInfo.InvariantCulture), ReceiptHandle = m.ReceiptHandle, VisibilityTimeout = seconds }).ToList(),
                },
                cancel);
            foreach (var failed in response.Failed ?? [])
            {
                log?.Invoke($"{options.QueueUrl}: warning: the visibility of message {chunk[int.Parse(failed.Id, CultureInfo.InvariantCulture)].MessageId} could not be set to {seconds} s ({failed.Code}: {failed.Message})");
            }
        }
    }

    private async Task DeleteAsync(IReadOnlyList<Message> messages, Action<string>? log, CancellationToken cancel)
    {
        var deleting = Stopwatch.GetTimestamp();
        foreach (var chunk in messages.Chunk(10))
        {
            try
            {
                var response = await queue.DeleteMessageBatchAsync(
                    new DeleteMessageBatchRequest
                    {
                        QueueUrl = options.QueueUrl,
                        Entries = chunk.Select((m, i) => new DeleteMessageBatchRequestEntry { Id = i.ToString(CultureInfo.InvariantCulture), ReceiptHandle = m.ReceiptHandle }).ToList(),
                    },
                    cancel);
                Counters.Deleted += response.Successful?.Count ?? 0;
                foreach (var failed in response.Failed ?? [])
                {
                    log?.Invoke($"{options.QueueUrl}: warning: message {chunk[int.Parse(failed.Id, CultureInfo.InvariantCulture)].MessageId} was read but not deleted ({failed.Code}: {failed.Message}); when it comes back, its objects are passed over as already committed");
                }
            }
            catch (Exception ex) when (S3ObjectFetch.IsReadFailure(ex, cancel))
            {
                log?.Invoke($"{options.QueueUrl}: warning: {chunk.Length} messages were read but not deleted: {S3ObjectFetch.Describe(ex)}; when they come back, their objects are passed over as already committed");
            }
        }

        Counters.DeleteTime += Stopwatch.GetElapsedTime(deleting);
    }

    /// <summary>How long a message in hand stays hidden: the option, or the queue's own setting; warns when the queue has no dead-letter queue.</summary>
    private async Task<TimeSpan> QueueVisibilityAsync(Action<string>? log, CancellationToken stop)
    {
        try
        {
            var attributes = await queue.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = options.QueueUrl, AttributeNames = ["VisibilityTimeout", "RedrivePolicy"] }, stop);
            if (attributes.Attributes?.GetValueOrDefault("RedrivePolicy") is not { Length: > 0 })
            {
                log?.Invoke($"{options.QueueUrl}: warning: the queue has no redrive policy: a message that cannot be read comes back again and again; give it a dead-letter queue");
            }

            return options.VisibilityTimeout ?? TimeSpan.FromSeconds(attributes.VisibilityTimeout > 0 ? Math.Max(10, attributes.VisibilityTimeout) : 30);
        }
        catch (Exception ex) when (S3ObjectFetch.IsReadFailure(ex, stop) || ex is OperationCanceledException)
        {
            // The receive that follows reports the queue (or sees the stop); meanwhile SQS's default.
            return options.VisibilityTimeout ?? TimeSpan.FromSeconds(30);
        }
    }

    private void Report(Action<string>? log, Diagnostic problem)
    {
        if (problems.Count < MaxProblemsKept)
        {
            problems.Add(problem);
        }
        else
        {
            ProblemsNotKept++;
        }

        log?.Invoke(problem.ToString());
    }

    /// <summary>Once an hour, forgets windows that ended past the scheduler's retention and checkpoints past SQS's, so a worker that runs for months keeps a bounded state.</summary>
    private void Prune()
    {
        var now = DateTimeOffset.UtcNow;
        if (now - lastPruned < PruneEvery)
        {
            return;
        }

        state.PruneWindows(Scope, now - WindowRetention, outputs.Select(o => o.Name).ToList());
        state.PruneCheckpoints(CheckpointScope, now - CheckpointRetention);
        lastPruned = now;
    }

    private SourceLocation Where(Message message) => new($"{options.QueueUrl}#{message.MessageId}");

    private static string ReceiveCount(Message message) =>
        message.Attributes?.GetValueOrDefault("ApproximateReceiveCount") ?? "?";

    private static DateTimeOffset? SentAt(Message message) =>
        message.Attributes?.GetValueOrDefault("SentTimestamp") is { } sent && long.TryParse(sent, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>Waits; false when cancelled first.</summary>
    private static async Task<bool> Delay(TimeSpan delay, CancellationToken cancel)
    {
        try
        {
            await Task.Delay(delay, cancel);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
