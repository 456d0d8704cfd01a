using Amazon.DynamoDBv2.Model;
using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Correlation;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;
using static DetectionKit.Engine.State.DynamoDb.DynamoDbGroupItems;
using static DetectionKit.Engine.State.DynamoDb.DynamoDbItems;

namespace DetectionKit.Engine.State.DynamoDb;

/// <summary>
/// The correlation groups of a DynamoDB state: what <see cref="CorrelationGrouping"/> decides over a group
/// as the table has it, written so that processes sharing the table fire each sequence once, and their pruning.
/// <para>
/// A commit reads the group (one query of its partition), applies the step matches that arrived, and writes
/// the result as one <c>TransactWriteItems</c>: the group item, put only if its <c>version</c> is the one read,
/// the new step matches, the dropped ones' deletes, and each firing's alert window (put only if it is not there,
/// as a window that fired; one already there is left as it is). When another process changed the group
/// meanwhile, the transaction is cancelled as a whole, and the group is read and decided again: a sequence
/// the other process fired is then a firing of the group, and overlaps the candidate, which does not fire.
/// </para>
/// <para>
/// A transaction holds at most 100 items (and 4 MB). What does not fit is split so that every transaction
/// is a whole decision: the arriving step matches are applied in slices, oldest first (halved until the
/// group item, the slice's new step matches and its firings' windows fit; a firing needs one new step
/// match at least, so one step match always fits), each slice committed as above, as if the slices had
/// come in separate objects, which the grouping already decides the same way. Deletes of dropped step
/// matches fill the rest of a transaction; those left over are deleted after it. They are never deleted
/// before: a step match inside a firing not yet written may be the one the firing needs, and a decision
/// refused by a version check and taken again without it would lose the alert. After the transaction, a
/// step match inside a recorded firing, or too old for the newest one kept, cannot start a sequence the
/// group did not fire; one left behind by a process that died is dropped by the group's next decision.
/// </para>
/// </summary>
internal sealed class DynamoDbCorrelationGroups(DynamoDbAlertStateStore store)
{
    private const int MaxTransactionItems = 100;

    // DynamoDB's limit is 4 MB per transaction; the item sizes are estimates, so some room is left.
    private const long MaxTransactionBytes = 3_500_000;

    /// <summary>Adds one group's step matches of a commit (all of one rule and group key) to the group.</summary>
    public void Commit(string scope, IReadOnlyList<StepMatch> arriving, DateTimeOffset now)
    {
        var correlator = arriving[0].Correlator;
        var pending = arriving.OrderBy(m => m.Step, correlator.Chronological).ToList();
        while (pending.Count > 0)
        {
            pending.RemoveRange(0, CommitSlice(scope, correlator, arriving[0].GroupKey, pending, now));
        }
    }

    /// <summary>
    /// The matches with those that are the first of their key in their rule's <c>first_seen</c> period raised
    /// (<see cref="FirstSeenGrouping"/>), keeping the rule's tracking start and each key's times as groups of
    /// their own, each written like a correlation group: guarded by its version, decided again when refused.
    /// A process that dies after keeping the times and before the windows reads the object again and decides
    /// the same: a replayed match is known by its event key and does not count as an earlier one.
    /// </summary>
    public IReadOnlyCollection<AlertMatch> FirstSeen(string scope, IReadOnlyCollection<AlertMatch> matches, DateTimeOffset now)
    {
        Dictionary<AlertMatch, AlertMatch>? raised = null;
        foreach (var rule in FirstSeenGrouping.ByRule(matches))
        {
            var definition = rule.First().FirstSeen!;
            var stateRuleId = FirstSeenGrouping.StateRuleId(rule.Key);
            var since = DateTimeOffset.MaxValue;
            Keep(scope, Keeper(stateRuleId, FirstSeenDefinition.MaxWithin), FirstSeenGrouping.TrackingKey, now, kept =>
            {
                (since, var update) = FirstSeenGrouping.Track(kept, rule);
                return update;
            });
            foreach (var key in FirstSeenGrouping.ByKey(rule))
            {
                IReadOnlyDictionary<AlertMatch, AlertMatch> changed = new Dictionary<AlertMatch, AlertMatch>();
                Keep(scope, Keeper(stateRuleId, definition.Within), key.Key.DedupKey, now, kept =>
                {
                    (changed, var update) = FirstSeenGrouping.Apply(kept, [.. key], since);
                    return update;
                });
                foreach (var (match, replacement) in changed)
                {
                    (raised ??= new(ReferenceEqualityComparer.Instance))[match] = replacement;
                }
            }
        }

        return raised is null ? matches : [.. matches.Select(m => raised.GetValueOrDefault(m, m))];
    }

    /// <summary>What the group items of first-seen times are written with: their rule id, and how long their times count.</summary>
    private static Correlator Keeper(string stateRuleId, TimeSpan within) =>
        new(stateRuleId, stateRuleId, AlertSeverity.Info, new CorrelationDefinition { Type = CorrelationType.EventCount, Timespan = within, Steps = [], Threshold = 2, Location = new SourceLocation(stateRuleId) });

    /// <summary>Reads a group, decides its update, and writes it guarded by the version read, deciding again when refused.</summary>
    private void Keep(string scope, Correlator keeper, string groupKey, DateTimeOffset now, Func<CorrelationGroup, CorrelationUpdate> decide)
    {
        var pk = GroupPartition(scope, keeper.RuleId, groupKey);
        for (var attempt = 1; ; attempt++)
        {
            var update = decide(Read(keeper.RuleId, groupKey, store.QueryKeys(pk, string.Empty, "read first-seen times"), now));
            if (!update.Changed)
            {
                return;
            }

            var items = new List<TransactWriteItem> { GroupPut(scope, pk, keeper, update.Group, now) };
            items.AddRange(update.Added.Select(step => new TransactWriteItem { Put = new Put { TableName = store.Table, Item = StepItem(pk, keeper, step, now) } }));
            var deletes = update.Removed.Select(step => Key(pk, StepSortKey(step))).ToList();
            var room = Math.Max(0, MaxTransactionItems - items.Count);
            items.AddRange(deletes.Take(room).Select(key => new TransactWriteItem { Delete = new Delete { TableName = store.Table, Key = key } }));
            try
            {
                store.Call("keep first-seen times", () => store.Client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }));
            }
            catch (TransactionCanceledException ex)
            {
                Refused(scope, keeper.RuleId, groupKey, attempt, ex);
                continue;
            }

            store.DeleteAll(deletes.Skip(room).ToList(), "delete dropped first-seen times");
            return;
        }
    }

    /// <summary>
    /// Forgets the scope's step matches whose event time is before the cutoff and firings whose last event is,
    /// as SQLite does, reading only the groups the index shows with something that old. A group left with
    /// nothing is deleted; one a commit changed meanwhile is left to the next prune.
    /// </summary>
    public void Prune(string scope, DateTimeOffset before, DateTimeOffset now)
    {
        var cutoff = Stamp(before)!;
        var groups = store.Query(
            new QueryRequest
            {
                TableName = store.Table,
                IndexName = DynamoDbStateTable.PendingIndex,
                KeyConditionExpression = "#ps = :scope AND #po < :cutoff",
                ExpressionAttributeNames = new() { ["#ps"] = DynamoDbStateTable.PendingScope, ["#po"] = DynamoDbStateTable.PendingOrder },
                ExpressionAttributeValues = new() { [":scope"] = S(IndexScope(scope)), [":cutoff"] = S(cutoff) },
            },
            "list correlation groups to prune").Select(item => Text(item, DynamoDbStateTable.PartitionKey)!).Distinct(StringComparer.Ordinal).ToList();
        foreach (var pk in groups)
        {
            var items = store.QueryKeys(pk, string.Empty, "read a correlation group").ToList();
            var groupItem = items.FirstOrDefault(item => Text(item, DynamoDbStateTable.SortKey) == GroupSortKey);
            var stepsBefore = cutoff;
            if (groupItem is not null && Text(groupItem, RuleId)?.StartsWith(FirstSeenGrouping.StateRuleId(string.Empty), StringComparison.Ordinal) == true)
            {
                // First-seen times count for up to a year, and a rule's tracking start for as long as it runs.
                if (Text(groupItem, GroupKeyName) == FirstSeenGrouping.TrackingKey)
                {
                    continue;
                }

                stepsBefore = Stamp(Correlator.Earlier(before, FirstSeenDefinition.MaxWithin))!;
            }

            var steps = items.Where(item => Text(item, DynamoDbStateTable.SortKey)!.StartsWith(StepPrefix, StringComparison.Ordinal)).ToList();
            var old = steps.Where(item => string.CompareOrdinal(Text(item, EventTime), stepsBefore) < 0).ToList();
            store.DeleteAll(old, "delete old correlation steps");
            if (items.FirstOrDefault(item => Text(item, DynamoDbStateTable.SortKey) == GroupSortKey) is { } group)
            {
                PruneGroupItem(pk, group, [.. steps.Except(old).Select(item => ParseStamp(Text(item, EventTime))!.Value)], before, now);
            }
        }
    }

    private void PruneGroupItem(string pk, Dictionary<string, AttributeValue> group, List<DateTimeOffset> stepTimes, DateTimeOffset before, DateTimeOffset now)
    {
        var firings = ReadFirings(group);
        var left = firings.Where(f => f.Last >= before).ToList();
        var times = stepTimes.Concat(left.Select(f => f.Last)).ToList();
        try
        {
            if (times.Count == 0)
            {
                store.Call("delete a correlation group", () => store.Client.DeleteItemAsync(new DeleteItemRequest
                {
                    TableName = store.Table,
                    Key = Key(pk, GroupSortKey),
                    ConditionExpression = "#v = :v",
                    ExpressionAttributeNames = new() { ["#v"] = ItemVersion },
                    ExpressionAttributeValues = new() { [":v"] = group[ItemVersion] },
                }));
            }
            else
            {
                store.Call("prune a correlation group", () => store.Client.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = store.Table,
                    Key = Key(pk, GroupSortKey),
                    UpdateExpression = "SET #f = :f, #po = :po, #v = :next",
                    ConditionExpression = "#v = :v",
                    ExpressionAttributeNames = new() { ["#f"] = Firings, ["#po"] = DynamoDbStateTable.PendingOrder, ["#v"] = ItemVersion },
                    ExpressionAttributeValues = new()
                    {
                        [":f"] = FiringList(left), [":po"] = S(Stamp(times.Min())!), [":v"] = group[ItemVersion], [":next"] = N(NextVersion(Number(group, ItemVersion), now)),
                    },
                }));
            }
        }
        catch (ConditionalCheckFailedException)
        {
            // A commit wrote the group meanwhile: its index entry says what is still old, for the next prune.
        }
    }

    /// <summary>Commits the first step matches of <paramref name="pending"/> that fit one transaction; how many.</summary>
    private int CommitSlice(string scope, Correlator correlator, string groupKey, List<StepMatch> pending, DateTimeOffset now)
    {
        var pk = GroupPartition(scope, correlator.RuleId, groupKey);
        for (var attempt = 1; ; attempt++)
        {
            var kept = Read(correlator.RuleId, groupKey, store.QueryKeys(pk, string.Empty, "read a correlation group"), now);
            var (taken, update) = Decide(scope, pk, correlator, kept, pending, now);
            if (!update.Changed)
            {
                return taken;
            }

            var items = new List<TransactWriteItem> { GroupPut(scope, pk, correlator, update.Group, now) };
            items.AddRange(update.Added.Select(step => new TransactWriteItem { Put = new Put { TableName = store.Table, Item = StepItem(pk, correlator, step, now) } }));
            var fired = new List<string>();
            foreach (var (window, alert) in update.Alerts)
            {
                var commit = new DynamoDbWindowCommit(store.Table, scope, new HashSet<string>(), now, id => store.GetItem(Key(WindowKey(scope, id), WindowSortKey), "read a window"));
                if (commit.Find(window.AlertId) is null)
                {
                    commit.Insert(window, alert);
                    items.AddRange(commit.Transaction());
                    fired.Add(window.AlertId);
                }
            }

            var deletes = update.Removed.Select(step => Key(pk, StepSortKey(step))).ToList();
            var room = Math.Max(0, MaxTransactionItems - items.Count);
            items.AddRange(deletes.Take(room).Select(key => new TransactWriteItem { Delete = new Delete { TableName = store.Table, Key = key } }));
            try
            {
                store.Call("commit a correlation group", () => store.Client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }));
            }
            catch (TransactionCanceledException ex)
            {
                Refused(scope, correlator.RuleId, groupKey, attempt, ex);
                continue;
            }

            foreach (var alertId in fired)
            {
                store.RememberFired(scope, alertId);
            }

            store.DeleteAll(deletes.Skip(room).ToList(), "delete dropped correlation steps");
            return taken;
        }
    }

    /// <summary>The largest first slice of <paramref name="pending"/> whose decision fits one transaction, and the decision.</summary>
    private static (int Taken, CorrelationUpdate Update) Decide(string scope, string pk, Correlator correlator, CorrelationGroup kept, List<StepMatch> pending, DateTimeOffset now)
    {
        for (var take = pending.Count; ; take = (take + 1) / 2)
        {
            var update = CorrelationGrouping.Apply(kept, pending.GetRange(0, take), scope, now);
            var count = 1 + update.Added.Count + update.Alerts.Count;
            var bytes = SizeOf(GroupItem(scope, pk, correlator, update.Group, now))
                + update.Added.Sum(step => SizeOf(StepItem(pk, correlator, step, now)))
                + update.Alerts.Sum(a => SizeOf(WindowAttributes(a.Window, a.Alert)) + 1_000);
            if (take == 1 || (count <= MaxTransactionItems && bytes <= MaxTransactionBytes))
            {
                return (take, update);
            }
        }
    }

    /// <summary>The group item's put: only over the version read, or where there is none.</summary>
    private TransactWriteItem GroupPut(string scope, string pk, Correlator correlator, CorrelationGroup group, DateTimeOffset now)
    {
        var put = new Put { TableName = store.Table, Item = GroupItem(scope, pk, correlator, group, now), ExpressionAttributeNames = new() { ["#pk"] = DynamoDbStateTable.PartitionKey } };
        if (group.Version == 0)
        {
            put.ConditionExpression = "attribute_not_exists(#pk)";
        }
        else
        {
            put.ConditionExpression = "#v = :v";
            put.ExpressionAttributeNames = new() { ["#v"] = ItemVersion };
            put.ExpressionAttributeValues = new() { [":v"] = N(group.Version) };
        }

        return new TransactWriteItem { Put = put };
    }

    /// <summary>A cancelled transaction: another process changed the group or opened a window first (retried), or something else (thrown).</summary>
    private void Refused(string scope, string ruleId, string groupKey, int attempt, TransactionCanceledException ex)
    {
        var reasons = ex.CancellationReasons ?? [];
        if (reasons.FirstOrDefault(r => r.Code is not (null or "None" or "ConditionalCheckFailed" or "TransactionConflict" or "ThrottlingError")) is { } unexpected)
        {
            throw new StateStoreException($"the DynamoDB table {store.Table} refused the commit of correlation group '{groupKey}' of rule {ruleId} in scope {scope}: {unexpected.Code}: {unexpected.Message}; nothing after the last object committed was recorded, and it is read again", ex) { Code = DiagnosticCodes.StateTableFailed };
        }

        if (attempt == DynamoDbAlertStateStore.MaxAttempts)
        {
            throw new StateStoreException($"the DynamoDB table {store.Table}: correlation group '{groupKey}' of rule {ruleId} in scope {scope} was changed by other processes in each of {DynamoDbAlertStateStore.MaxAttempts} attempts to commit to it ({string.Join(", ", reasons.Select(r => r.Code))}); nothing after the last object committed was recorded, and it is read again", ex) { Code = DiagnosticCodes.StateTableFailed };
        }

        Thread.Sleep(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 25 << Math.Min(attempt, 6))));
    }
}
