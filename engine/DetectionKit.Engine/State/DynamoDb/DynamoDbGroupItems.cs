using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using DetectionKit.Engine.Correlation;
using static DetectionKit.Engine.State.DynamoDb.DynamoDbItems;

namespace DetectionKit.Engine.State.DynamoDb;

/// <summary>
/// The items a correlation group is kept in (the layout <see cref="DynamoDbAlertStateStore"/> describes):
/// one partition per scope, rule and group key, <c>G#{scope}#{hash}</c>, holding the group item
/// (<c>group</c>: rule, group key, <c>version</c>, the firings as a list) and one item per kept step match
/// (<c>S#{step}#{eventKey}</c>: its event time, and the step as JSON, as SQLite's <c>data</c>), so one
/// query reads the whole group and no item grows with it. A group with anything in it is in the
/// <c>pending</c> index under <c>G#{scope}</c>, ordered by the oldest time pruning looks at.
/// </summary>
internal static class DynamoDbGroupItems
{
    public const string GroupSortKey = "group";
    public const string StepPrefix = "S#";

    public const string GroupKeyName = "groupKey";
    public const string Firings = "firings";
    public const string EventTime = "eventTime";
    public const string StepData = "data";
    public const string First = "first";
    public const string Last = "last";

    /// <summary>
    /// The partition of a group. The rule id and group key are hashed: a group key is any text a script
    /// or the record gives (a key is at most 2 KB, and '#' in it would be ambiguous); the item keeps both.
    /// </summary>
    public static string GroupPartition(string scope, string ruleId, string groupKey) =>
        $"G#{scope}#{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{ruleId}\n{groupKey}")))[..32]}";

    /// <summary>The <c>pendingScope</c> of a scope's groups: no scope has '#' in it, so no window's is the same.</summary>
    public static string IndexScope(string scope) => "G#" + scope;

    /// <summary>A step match's sort key: step names have no '#', so the event key after it is unambiguous.</summary>
    public static string StepSortKey(CorrelationStep step) => $"{StepPrefix}{step.Step}#{step.EventKey}";

    /// <summary>
    /// The group as a query of its partition found it: the group item's version (0 without one) and, unless
    /// it outlived its time to live, its firings and the step matches that have not.
    /// </summary>
    public static CorrelationGroup Read(string ruleId, string groupKey, IEnumerable<Dictionary<string, AttributeValue>> items, DateTimeOffset now)
    {
        Dictionary<string, AttributeValue>? group = null;
        var steps = new List<CorrelationStep>();
        foreach (var item in items)
        {
            var sk = Text(item, DynamoDbStateTable.SortKey);
            if (sk == GroupSortKey)
            {
                group = item;
            }
            else if (sk?.StartsWith(StepPrefix, StringComparison.Ordinal) == true && !IsExpired(item, now))
            {
                steps.Add(JsonSerializer.Deserialize<CorrelationStep>(Text(item, StepData)!)!);
            }
        }

        if (group is null)
        {
            return new CorrelationGroup(ruleId, groupKey) { Steps = steps };
        }

        // A group item past its time to live is gone, with everything in it; its version still guards the write that replaces it.
        var version = Number(group, ItemVersion);
        return IsExpired(group, now)
            ? new CorrelationGroup(ruleId, groupKey) { Version = version }
            : new CorrelationGroup(ruleId, groupKey) { Steps = steps, Firings = ReadFirings(group), Version = version };
    }

    public static List<CorrelationFiring> ReadFirings(Dictionary<string, AttributeValue> group) =>
        group.TryGetValue(Firings, out var list) && list.L is { } firings
            ? firings.Select(f => new CorrelationFiring(f.M[AlertId].S, ParseStamp(f.M[First].S)!.Value, ParseStamp(f.M[Last].S)!.Value)).ToList()
            : [];

    public static AttributeValue FiringList(IEnumerable<CorrelationFiring> firings) => new()
    {
        L = firings.Select(f => new AttributeValue
        {
            M = new Dictionary<string, AttributeValue> { [AlertId] = S(f.AlertId), [First] = S(Stamp(f.First)!), [Last] = S(Stamp(f.Last)!) },
        }).ToList(),
    };

    /// <summary>
    /// The next version of a group item: the commit's time in ticks, or one more than the version read when
    /// that is not less. Versions never repeat, even for a group pruned away and kept again, so a process
    /// that read a group before it was deleted can never mistake a new group for the one it read.
    /// </summary>
    public static long NextVersion(long read, DateTimeOffset now) => Math.Max(read + 1, now.UtcTicks);

    /// <summary>The group item after a commit: the group's firings, its next version, its index entry and its time to live.</summary>
    public static Dictionary<string, AttributeValue> GroupItem(string scope, string pk, Correlator correlator, CorrelationGroup group, DateTimeOffset now)
    {
        var item = new Dictionary<string, AttributeValue>(Key(pk, GroupSortKey))
        {
            [RuleId] = S(group.RuleId),
            [GroupKeyName] = S(group.GroupKey),
            [ItemVersion] = N(NextVersion(group.Version, now)),
            [Firings] = FiringList(group.Firings),
        };
        var times = group.Steps.Select(s => s.EventTime).Concat(group.Firings.Select(f => f.Last)).ToList();
        if (times.Count > 0)
        {
            item[DynamoDbStateTable.PendingScope] = S(IndexScope(scope));
            item[DynamoDbStateTable.PendingOrder] = S(Stamp(OldestOf(group))!);
            item[DynamoDbStateTable.ExpiresAt] = ExpiryOf(Correlator.Later(times.Max(), Useful(correlator)), now);
        }
        else
        {
            item[DynamoDbStateTable.ExpiresAt] = ExpiryOf(now, now);
        }

        return item;
    }

    /// <summary>
    /// Where a group sorts in the index: the earliest time pruning removes anything by (a step's event time,
    /// a firing's last), so a prune reads only the groups that have something before its cutoff.
    /// </summary>
    public static DateTimeOffset OldestOf(CorrelationGroup group) =>
        group.Steps.Select(s => s.EventTime).Concat(group.Firings.Select(f => f.Last)).Min();

    /// <summary>
    /// A kept step match's item. It expires <see cref="DynamoDbAlertStateStore.Retention"/> after the last
    /// event time it can still complete a sequence with (its own, plus the timespan and the late allowance),
    /// or after now for a replay of old days, as windows do; pruning usually removes it well before.
    /// </summary>
    public static Dictionary<string, AttributeValue> StepItem(string pk, Correlator correlator, CorrelationStep step, DateTimeOffset now) =>
        new(Key(pk, StepSortKey(step)))
        {
            [EventTime] = S(Stamp(step.EventTime)!),
            [StepData] = S(JsonSerializer.Serialize(step)),
            [DynamoDbStateTable.ExpiresAt] = ExpiryOf(Correlator.Later(step.EventTime, Useful(correlator)), now),
        };

    /// <summary>
    /// About how many bytes DynamoDB counts for an item (names and values), to keep a transaction under its
    /// 4 MB; an estimate from above for the strings and numbers the state writes.
    /// </summary>
    public static long SizeOf(Dictionary<string, AttributeValue> item) => item.Sum(pair => Encoding.UTF8.GetByteCount(pair.Key) + SizeOf(pair.Value));

    private static long SizeOf(AttributeValue value) =>
        value.S is { } s ? Encoding.UTF8.GetByteCount(s)
        : value.N is { } n ? n.Length
        : value.L is { } l ? 3 + l.Sum(v => 1 + SizeOf(v))
        : value.M is { } m ? 3 + m.Sum(pair => 1 + Encoding.UTF8.GetByteCount(pair.Key) + SizeOf(pair.Value))
        : 1;

    // How long after a step match's event time it can still count: the timespan, and how late a file may come.
    private static TimeSpan Useful(Correlator correlator) => correlator.Definition.Timespan + CorrelationGrouping.LateAllowance;
}
