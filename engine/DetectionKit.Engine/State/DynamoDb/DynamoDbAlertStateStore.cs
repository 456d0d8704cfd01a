using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Correlation;
using DetectionKit.Engine.Diagnostics;
using static DetectionKit.Engine.State.DynamoDb.DynamoDbItems;

namespace DetectionKit.Engine.State.DynamoDb;

/// <summary>
/// The alert state in a DynamoDB table (<c>--state dynamodb://TABLE</c>), which any number of processes on
/// any number of machines share: workers of one queue commit, deliver and record themselves in it, and
/// each event is counted once, each window fires once and each alert reaches each output once, as with
/// one process and <see cref="SqliteAlertStateStore"/>, whose semantics this store follows.
/// <para>
/// The table has the shape <see cref="DynamoDbStateTable"/> describes (key <c>pk</c>/<c>sk</c>, the sparse
/// index <c>pending</c>, time to live on <c>expiresAt</c>). Its items, by <c>pk</c> and <c>sk</c>:
/// a window <c>W#{scope}#{alertId}</c> / <c>window</c> (rule, dedup key, window, threshold, count, event ids,
/// first and last event time, the first alert as JSON, fired time, a <c>version</c>; <c>delivered:{output}</c>
/// once an output accepted the alert; <c>claim:{output}</c> = {holder, until} while a process sends it;
/// <c>pendingScope</c> and <c>pendingOrder</c> once fired, which put it in the index); each event it counted,
/// <c>W#{scope}#{alertId}</c> / <c>E#{eventKey}</c>; a checkpoint <c>C#{scope}</c> / key (<c>processedAt</c>);
/// a quarantined object <c>Q#{scope}</c> / key; a covered range <c>R#{scope}</c> / <c>range</c>; a worker's
/// status <c>K#{scope}</c> / worker id; a correlation group <c>G#{scope}#{hash of rule and group key}</c> / <c>group</c>
/// (rule, group key, <c>version</c>, the firings as a list) and each step match it keeps, same <c>pk</c> /
/// <c>S#{step}#{eventKey}</c> (event time, the step as JSON; see <see cref="DynamoDbGroupItems"/>). Times are
/// fixed-width UTC text, as SQLite's, so they compare as text.
/// Counted events, unfired windows, checkpoints and worker statuses carry <c>expiresAt</c> (<see cref="Retention"/>
/// after the window ends, the checkpoint was recorded or the worker was last seen) and expire by themselves;
/// a fired window carries none until <see cref="PruneWindows"/> finds every output accepted it.
/// </para>
/// <para>
/// <see cref="Commit"/> writes each window's new events and its new state in one <c>TransactWriteItems</c>
/// (at most 99 events with the window; a larger batch in several, each atomic): an event is put only if it
/// was not counted, the window only if it is still the version read. When another process got there
/// first (a message delivered twice, two workers on one dedup key), the transaction is cancelled; the
/// events its cancellation reasons name as counted are dropped, the window is read again, and the rest
/// retried (up to 8 times, with jitter). Each correlation group is then decided and written the same way, in
/// transactions guarded by the group's version (<see cref="DynamoDbCorrelationGroups"/>). The checkpoint is
/// written after all the windows and groups. A process that dies in between leaves its message undeleted
/// (or its object unchecked), and the object is read again later: the events committed before are counted
/// nothing twice and the step matches kept before change nothing, so a commit is in effect all or nothing.
/// A request that still fails after the SDK's retries (throttling, network, permissions) throws a
/// <see cref="StateStoreException"/> (<c>DK6022</c>) naming the table and what failed.
/// </para>
/// </summary>
public sealed class DynamoDbAlertStateStore : IAlertStateStore
{
    /// <summary>How long counted events, unfired windows, checkpoints and worker statuses are kept (as the scheduler and the worker keep windows).</summary>
    public static TimeSpan Retention { get; } = TimeSpan.FromDays(30);

    /// <summary>Attempts at a window contended by other processes before the commit gives up.</summary>
    public const int MaxAttempts = 8;

    private const int MaxTransactionItems = 100;
    private const int MaxBatchItems = 25;

    /// <summary>How long a window this process fired is also read directly: the index is eventually consistent.</summary>
    private static readonly TimeSpan ReadOwnWritesFor = TimeSpan.FromMinutes(1);

    private readonly IAmazonDynamoDB client;
    private readonly string table;
    private readonly bool ownsClient;
    private readonly ConcurrentDictionary<(string Scope, string AlertId), DateTimeOffset> recentlyFired = new();
    private readonly DynamoDbCorrelationGroups groups;

    private DynamoDbAlertStateStore(IAmazonDynamoDB client, string table, bool ownsClient)
    {
        this.client = client;
        this.table = table;
        this.ownsClient = ownsClient;
        groups = new DynamoDbCorrelationGroups(this);
    }

    /// <summary>The table the state is kept in.</summary>
    public string Table => table;

    internal IAmazonDynamoDB Client => client;

    /// <summary>Opens the state in <paramref name="table"/>, after checking the table is there in the state's shape.</summary>
    /// <exception cref="StateStoreException">No such table (DK6020), another shape (DK6021), or DynamoDB cannot be reached (DK6022).</exception>
    public static DynamoDbAlertStateStore Open(IAmazonDynamoDB client, string table, bool ownsClient = false)
    {
        try
        {
            DynamoDbStateTable.CheckAsync(client, table).GetAwaiter().GetResult();
        }
        catch
        {
            if (ownsClient)
            {
                client.Dispose();
            }

            throw;
        }

        return new DynamoDbAlertStateStore(client, table, ownsClient);
    }

    public void Commit(string scope, IReadOnlyCollection<AlertMatch> matches, Checkpoint? checkpoint, IReadOnlyCollection<StepMatch>? steps = null)
    {
        var now = DateTimeOffset.UtcNow;
        matches = groups.FirstSeen(scope, matches, now);
        foreach (var window in matches.GroupBy(m => m.AlertId, StringComparer.Ordinal))
        {
            foreach (var chunk in window.Chunk(MaxTransactionItems - 1))
            {
                CommitWindow(scope, chunk, now);
            }
        }

        foreach (var group in CorrelationGrouping.ByGroup(steps ?? []))
        {
            groups.Commit(scope, [.. group], now);
        }

        if (checkpoint is not null)
        {
            // The quarantine ends first: a process that dies between the two leaves the object unchecked,
            // to be read again, rather than checked and still reported as quarantined.
            Call("end a quarantine", () => client.DeleteItemAsync(new DeleteItemRequest { TableName = table, Key = Key(QuarantineKey(checkpoint.Scope), checkpoint.Key) }));
            Call("record a checkpoint", () => client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = table,
                Key = Key(CheckpointKey(checkpoint.Scope), checkpoint.Key),
                UpdateExpression = "SET #at = if_not_exists(#at, :at), #exp = :exp",
                ExpressionAttributeNames = new() { ["#at"] = ProcessedAt, ["#exp"] = DynamoDbStateTable.ExpiresAt },
                ExpressionAttributeValues = new() { [":at"] = S(Stamp(now)!), [":exp"] = Epoch(now + Retention) },
            }));
        }
    }

    public bool IsProcessed(Checkpoint checkpoint) =>
        GetItem(Key(CheckpointKey(checkpoint.Scope), checkpoint.Key), "read a checkpoint") is { } item && !IsExpired(item, DateTimeOffset.UtcNow);

    public IReadOnlySet<string> ProcessedUnder(string scope, string keyPrefix)
    {
        var now = DateTimeOffset.UtcNow;
        return QueryKeys(CheckpointKey(scope), keyPrefix, "list checkpoints")
            .Where(item => !IsExpired(item, now))
            .Select(item => Text(item, DynamoDbStateTable.SortKey)!)
            .ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<Alert> Undelivered(string scope, string output, IReadOnlySet<string> ruleIds)
    {
        var request = new QueryRequest
        {
            TableName = table,
            IndexName = DynamoDbStateTable.PendingIndex,
            KeyConditionExpression = "#ps = :scope",
            FilterExpression = "attribute_not_exists(#d)",
            ExpressionAttributeNames = new() { ["#ps"] = DynamoDbStateTable.PendingScope, ["#d"] = Delivered(output) },
            ExpressionAttributeValues = new() { [":scope"] = S(scope) },
        };
        var pending = Query(request, "list pending alerts").ToDictionary(item => Text(item, AlertId)!, StringComparer.Ordinal);

        // The index may not show a window this process fired a moment ago yet: it is read directly.
        var now = DateTimeOffset.UtcNow;
        foreach (var ((firedScope, alertId), at) in recentlyFired)
        {
            if (now - at > ReadOwnWritesFor)
            {
                recentlyFired.TryRemove((firedScope, alertId), out _);
            }
            else if (firedScope == scope && !pending.ContainsKey(alertId)
                && GetItem(Key(WindowKey(scope, alertId), WindowSortKey), "read a window") is { } item
                && item.ContainsKey(DynamoDbStateTable.PendingScope) && !item.ContainsKey(Delivered(output)))
            {
                pending[alertId] = item;
            }
        }

        return pending.Values
            .OrderBy(item => Text(item, DynamoDbStateTable.PendingOrder), StringComparer.Ordinal)
            .Select(item => (Window: ReadWindow(item), First: Text(item, FirstAlert)!))
            .Where(w => ruleIds.Contains(w.Window.RuleId))
            .Select(w => w.Window.Describe(AlertJson.FromJson(JsonNode.Parse(w.First)!.AsObject())))
            .ToList();
    }

    public void MarkDelivered(string scope, string alertId, string output)
    {
        try
        {
            Call("record a delivery", () => client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = table,
                Key = Key(WindowKey(scope, alertId), WindowSortKey),
                UpdateExpression = "SET #d = :at REMOVE #c",
                ConditionExpression = "attribute_exists(#pk)",
                ExpressionAttributeNames = new() { ["#d"] = Delivered(output), ["#c"] = Claim(output), ["#pk"] = DynamoDbStateTable.PartitionKey },
                ExpressionAttributeValues = new() { [":at"] = S(Stamp(DateTimeOffset.UtcNow)!) },
            }));
        }
        catch (ConditionalCheckFailedException)
        {
            // The window was pruned meanwhile: nothing is left to deliver it again.
        }
    }

    public bool TryClaimDelivery(string scope, string alertId, string output, string holder, DateTimeOffset until)
    {
        try
        {
            Call("claim a delivery", () => client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = table,
                Key = Key(WindowKey(scope, alertId), WindowSortKey),
                UpdateExpression = "SET #c = :claim",
                ConditionExpression = "attribute_exists(#pk) AND attribute_not_exists(#d) AND (attribute_not_exists(#c) OR #c.#h = :holder OR #c.#u < :now)",
                ExpressionAttributeNames = new() { ["#pk"] = DynamoDbStateTable.PartitionKey, ["#d"] = Delivered(output), ["#c"] = Claim(output), ["#h"] = Holder, ["#u"] = Until },
                ExpressionAttributeValues = new()
                {
                    [":claim"] = new AttributeValue { M = new Dictionary<string, AttributeValue> { [Holder] = S(holder), [Until] = S(Stamp(until)!) } },
                    [":holder"] = S(holder),
                    [":now"] = S(Stamp(DateTimeOffset.UtcNow)!),
                },
            }));
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public void RecordWorker(WorkerStatus status) =>
        Call("record a worker", () => client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table,
            Key = Key(WorkerKey(status.Scope), status.WorkerId),
            UpdateExpression = "SET #hash = :hash, #ver = :ver, #started = if_not_exists(#started, :started), #seen = :seen, #objects = :objects, #events = :events, #alerts = :alerts, #stopped = :stopped, #exp = :exp",
            ExpressionAttributeNames = new()
            {
                ["#hash"] = "ruleSetHash", ["#ver"] = "detectionKitVersion", ["#started"] = "startedAt", ["#seen"] = "seenAt",
                ["#objects"] = "objects", ["#events"] = "events", ["#alerts"] = "alerts", ["#stopped"] = "stopped", ["#exp"] = DynamoDbStateTable.ExpiresAt,
            },
            ExpressionAttributeValues = new()
            {
                [":hash"] = S(status.RuleSetHash), [":ver"] = S(status.Version), [":started"] = S(Stamp(status.StartedAt)!), [":seen"] = S(Stamp(status.SeenAt)!),
                [":objects"] = N(status.Objects), [":events"] = N(status.Events), [":alerts"] = N(status.Alerts), [":stopped"] = new AttributeValue { BOOL = status.Stopped },
                [":exp"] = Epoch(status.SeenAt + Retention),
            },
        }));

    public IReadOnlyList<WorkerStatus> Workers(string scope, DateTimeOffset seenSince)
    {
        var since = Stamp(seenSince)!;
        return QueryKeys(WorkerKey(scope), string.Empty, "list workers")
            .Where(item => string.CompareOrdinal(Text(item, "seenAt"), since) >= 0)
            .Select(item => new WorkerStatus(
                scope,
                Text(item, DynamoDbStateTable.SortKey)!,
                Text(item, "ruleSetHash")!,
                Text(item, "detectionKitVersion")!,
                Time(item, "startedAt")!.Value,
                Time(item, "seenAt")!.Value,
                Number(item, "objects"),
                Number(item, "events"),
                Number(item, "alerts"),
                item.TryGetValue("stopped", out var stopped) && stopped.BOOL == true))
            .ToList();
    }

    public CoveredRange? CoveredUntil(string scope) =>
        GetItem(Key(RangeKey(scope), RangeSortKey), "read a covered range") is { } item ? new CoveredRange(Time(item, Until)!.Value, Text(item, HeldBy)) : null;

    public void RecordCovered(string scope, CoveredRange range)
    {
        var item = new Dictionary<string, AttributeValue>(Key(RangeKey(scope), RangeSortKey)) { [Until] = S(Stamp(range.Until)!) };
        if (range.HeldBy is { } heldBy)
        {
            item[HeldBy] = S(heldBy);
        }

        Call("record a covered range", () => client.PutItemAsync(new PutItemRequest { TableName = table, Item = item }));
    }

    public void Quarantine(QuarantinedObject entry) =>
        Call("record a quarantined object", () => client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table,
            Key = Key(QuarantineKey(entry.Scope), entry.Key),
            UpdateExpression = "SET #etag = :etag, #size = :size, #reason = :reason, #first = if_not_exists(#first, :first), #last = :last",
            ExpressionAttributeNames = new() { ["#etag"] = "etag", ["#size"] = "size", ["#reason"] = "reason", ["#first"] = "firstSeen", ["#last"] = "lastSeen" },
            ExpressionAttributeValues = new()
            {
                [":etag"] = S(entry.ETag), [":size"] = N(entry.Size), [":reason"] = S(entry.Reason), [":first"] = S(Stamp(entry.FirstSeen)!), [":last"] = S(Stamp(entry.LastSeen)!),
            },
        }));

    public IReadOnlyList<QuarantinedObject> Quarantined(string checkpointScope, string keyPrefix = "") =>
        QueryKeys(QuarantineKey(checkpointScope), keyPrefix, "list quarantined objects")
            .Select(item => new QuarantinedObject(
                checkpointScope,
                Text(item, DynamoDbStateTable.SortKey)!,
                Text(item, "etag")!,
                Number(item, "size"),
                Text(item, "reason")!,
                Time(item, "firstSeen")!.Value,
                Time(item, "lastSeen")!.Value))
            .ToList();

    /// <summary>
    /// Fired windows every output accepted: those that ended before the time are deleted with their counted
    /// events; the others leave the <c>pending</c> index and expire by themselves (<see cref="Retention"/> after
    /// they end), so listing pending alerts reads only alerts that may still be owed. An alert some output has
    /// not accepted stays, however old. Unfired windows expire by themselves and are not listed here. Then the
    /// correlation groups' step matches and firings from before the time go (<see cref="DynamoDbCorrelationGroups.Prune"/>).
    /// </summary>
    public void PruneWindows(string scope, DateTimeOffset endedBefore, IReadOnlyCollection<string> outputs)
    {
        var cutoff = Stamp(endedBefore)!;
        var now = DateTimeOffset.UtcNow;
        var fired = Query(
            new QueryRequest
            {
                TableName = table,
                IndexName = DynamoDbStateTable.PendingIndex,
                KeyConditionExpression = "#ps = :scope",
                ExpressionAttributeNames = new() { ["#ps"] = DynamoDbStateTable.PendingScope },
                ExpressionAttributeValues = new() { [":scope"] = S(scope) },
            },
            "list fired windows").ToList();
        foreach (var item in fired.Where(item => outputs.All(output => item.ContainsKey(Delivered(output)))))
        {
            var pk = Text(item, DynamoDbStateTable.PartitionKey)!;
            var windowEnd = Text(item, WindowEnd)!;
            try
            {
                if (string.CompareOrdinal(windowEnd, cutoff) < 0)
                {
                    // Only as read: a window that took another event meanwhile waits for the next prune.
                    Call("delete a window", () => client.DeleteItemAsync(new DeleteItemRequest
                    {
                        TableName = table,
                        Key = Key(pk, WindowSortKey),
                        ConditionExpression = "#v = :v",
                        ExpressionAttributeNames = new() { ["#v"] = ItemVersion },
                        ExpressionAttributeValues = new() { [":v"] = item[ItemVersion] },
                    }));
                    DeleteAll(QueryKeys(pk, EventPrefix, "list a window's events").ToList(), "delete a window's events");
                }
                else
                {
                    Call("retire a delivered window", () => client.UpdateItemAsync(new UpdateItemRequest
                    {
                        TableName = table,
                        Key = Key(pk, WindowSortKey),
                        UpdateExpression = "SET #exp = :exp REMOVE #ps, #po",
                        ConditionExpression = "#v = :v",
                        ExpressionAttributeNames = new() { ["#v"] = ItemVersion, ["#exp"] = DynamoDbStateTable.ExpiresAt, ["#ps"] = DynamoDbStateTable.PendingScope, ["#po"] = DynamoDbStateTable.PendingOrder },
                        ExpressionAttributeValues = new() { [":v"] = item[ItemVersion], [":exp"] = ExpiryOf(ParseStamp(windowEnd)!.Value, now) },
                    }));
                }
            }
            catch (ConditionalCheckFailedException)
            {
            }
        }

        groups.Prune(scope, endedBefore, now);
    }

    public void PruneCheckpoints(string checkpointScope, DateTimeOffset recordedBefore)
    {
        var cutoff = Stamp(recordedBefore)!;
        DeleteAll(
            QueryKeys(CheckpointKey(checkpointScope), string.Empty, "list checkpoints").Where(item => string.CompareOrdinal(Text(item, ProcessedAt), cutoff) < 0).ToList(),
            "delete checkpoints");
    }

    public void Dispose()
    {
        if (ownsClient)
        {
            client.Dispose();
        }
    }

    private void CommitWindow(string scope, IReadOnlyList<AlertMatch> matches, DateTimeOffset now)
    {
        var alertId = matches[0].AlertId;
        var counted = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 1; ; attempt++)
        {
            var commit = new DynamoDbWindowCommit(table, scope, counted, now, id => GetItem(Key(WindowKey(scope, id), WindowSortKey), "read a window"));
            AlertGrouping.Add(matches, commit, now);
            if (!commit.HasWrites)
            {
                return;
            }

            try
            {
                Call("commit a window", () => client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = commit.Transaction() }));
                if (commit.Fired)
                {
                    RememberFired(scope, alertId);
                }

                return;
            }
            catch (TransactionCanceledException ex)
            {
                var reasons = ex.CancellationReasons ?? [];
                for (var i = 0; i < Math.Min(commit.Events.Count, reasons.Count); i++)
                {
                    if (reasons[i].Code == "ConditionalCheckFailed")
                    {
                        counted.Add(commit.Events[i]);
                    }
                }

                if (reasons.FirstOrDefault(r => r.Code is not (null or "None" or "ConditionalCheckFailed" or "TransactionConflict" or "ThrottlingError")) is { } unexpected)
                {
                    throw new StateStoreException($"the DynamoDB table {table} refused the commit of window {alertId} of scope {scope}: {unexpected.Code}: {unexpected.Message}; nothing after the last object committed was recorded, and it is read again", ex) { Code = DiagnosticCodes.StateTableFailed };
                }

                if (attempt == MaxAttempts)
                {
                    throw new StateStoreException($"the DynamoDB table {table}: window {alertId} of scope {scope} was changed by other processes in each of {MaxAttempts} attempts to commit to it ({string.Join(", ", reasons.Select(r => r.Code))}); nothing after the last object committed was recorded, and it is read again", ex) { Code = DiagnosticCodes.StateTableFailed };
                }

                Thread.Sleep(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 25 << Math.Min(attempt, 6))));
            }
        }
    }

    /// <summary>Notes a window this process fired, so <see cref="Undelivered"/> reads it before the index shows it.</summary>
    internal void RememberFired(string scope, string alertId) => recentlyFired[(scope, alertId)] = DateTimeOffset.UtcNow;

    internal Dictionary<string, AttributeValue>? GetItem(Dictionary<string, AttributeValue> key, string what)
    {
        var response = Call(what, () => client.GetItemAsync(new GetItemRequest { TableName = table, Key = key, ConsistentRead = true }));
        return response.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>The items of one partition whose sort key starts with the prefix (all of them for an empty prefix), in sort key order.</summary>
    internal IEnumerable<Dictionary<string, AttributeValue>> QueryKeys(string pk, string sortPrefix, string what)
    {
        var request = new QueryRequest
        {
            TableName = table,
            ConsistentRead = true,
            KeyConditionExpression = sortPrefix.Length == 0 ? "#pk = :pk" : "#pk = :pk AND begins_with(#sk, :prefix)",
            ExpressionAttributeNames = sortPrefix.Length == 0 ? new() { ["#pk"] = DynamoDbStateTable.PartitionKey } : new() { ["#pk"] = DynamoDbStateTable.PartitionKey, ["#sk"] = DynamoDbStateTable.SortKey },
            ExpressionAttributeValues = sortPrefix.Length == 0 ? new() { [":pk"] = S(pk) } : new() { [":pk"] = S(pk), [":prefix"] = S(sortPrefix) },
        };
        return Query(request, what);
    }

    internal IEnumerable<Dictionary<string, AttributeValue>> Query(QueryRequest request, string what)
    {
        do
        {
            var response = Call(what, () => client.QueryAsync(request));
            foreach (var item in response.Items ?? [])
            {
                yield return item;
            }

            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (request.ExclusiveStartKey is not null);
    }

    /// <summary>Deletes the items (by their keys), 25 to a batch, sending again what DynamoDB left unprocessed.</summary>
    internal void DeleteAll(IReadOnlyList<Dictionary<string, AttributeValue>> items, string what)
    {
        foreach (var chunk in items.Chunk(MaxBatchItems))
        {
            var requests = chunk.Select(item => new WriteRequest { DeleteRequest = new DeleteRequest { Key = Key(Text(item, DynamoDbStateTable.PartitionKey)!, Text(item, DynamoDbStateTable.SortKey)!) } }).ToList();
            for (var attempt = 1; requests.Count > 0; attempt++)
            {
                var response = Call(what, () => client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [table] = requests } }));
                requests = response.UnprocessedItems is { } left && left.TryGetValue(table, out var rest) ? rest : [];
                if (requests.Count > 0)
                {
                    if (attempt == MaxAttempts)
                    {
                        throw new StateStoreException($"the DynamoDB table {table} could not {what}: {requests.Count} deletes were left unprocessed {MaxAttempts} times (throttled); they are tried again at the next prune") { Code = DiagnosticCodes.StateTableFailed };
                    }

                    Thread.Sleep(TimeSpan.FromMilliseconds(Random.Shared.Next(50, 100 << Math.Min(attempt, 5))));
                }
            }
        }
    }

    /// <summary>
    /// One request, waited for (the store's interface is synchronous, as SQLite's is). The SDK has retried
    /// throttling and network errors already; what still fails is a <see cref="StateStoreException"/> naming
    /// the table and what failed. A failed condition and a cancelled transaction are the callers' to read.
    /// </summary>
    internal T Call<T>(string what, Func<Task<T>> request)
    {
        try
        {
            return request().GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not (ConditionalCheckFailedException or TransactionCanceledException)
            && ex is AmazonServiceException or AmazonClientException or HttpRequestException or SocketException or IOException or TaskCanceledException)
        {
            throw DynamoDbStateTable.Failed(table, what, ex, "nothing after the last object committed was recorded, and it is read again");
        }
    }
}
