using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using DetectionKit.Engine.Alerting;
using static DetectionKit.Engine.State.DynamoDb.DynamoDbItems;

namespace DetectionKit.Engine.State.DynamoDb;

/// <summary>
/// One attempt at committing matches of one window: what <see cref="AlertGrouping"/> decides, as one
/// transaction. Each event it counts becomes a put that only succeeds if the event was not counted
/// yet, and the window a put (a new window) or an update conditional on the version read, so the
/// transaction fails as a whole when another process counted one of the events or changed the window
/// meanwhile; the store then drops the events already counted, reads the window again and retries.
/// </summary>
internal sealed class DynamoDbWindowCommit(string table, string scope, IReadOnlySet<string> counted, DateTimeOffset now, Func<string, Dictionary<string, AttributeValue>?> read) : IAlertWindows
{
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);
    private Dictionary<string, AttributeValue>? kept;
    private AlertWindow? written;
    private Alert? opens;

    /// <summary>The keys of the events this attempt counts, in the order of the transaction's first items.</summary>
    public List<string> Events { get; } = [];

    /// <summary>False when every event was counted already: nothing to write.</summary>
    public bool HasWrites => written is not null;

    /// <summary>True when the window as written has fired.</summary>
    public bool Fired => written?.Fired == true;

    public bool TryCountEvent(string alertId, string eventKey)
    {
        if (counted.Contains(eventKey) || !seen.Add(eventKey))
        {
            return false;
        }

        Events.Add(eventKey);
        return true;
    }

    public AlertWindow? Find(string alertId)
    {
        kept = read(alertId);

        // An item past its time to live may still be read until DynamoDB deletes it: it is gone.
        return kept is null || IsExpired(kept, now) ? null : ReadWindow(kept);
    }

    public void Insert(AlertWindow window, Alert firstAlert)
    {
        written = window;
        opens = firstAlert;
    }

    public void Update(AlertWindow window) => written = window;

    /// <summary>The transaction: the events' puts, then the window's put or update.</summary>
    public List<TransactWriteItem> Transaction()
    {
        var window = written ?? throw new InvalidOperationException("nothing to write");
        var pk = WindowKey(scope, window.AlertId);
        var items = Events.Select(key => new TransactWriteItem
        {
            Put = new Put
            {
                TableName = table,
                Item = new Dictionary<string, AttributeValue>(Key(pk, EventPrefix + key)) { [DynamoDbStateTable.ExpiresAt] = ExpiryOf(window.WindowEnd, now) },
                ConditionExpression = "attribute_not_exists(#pk) OR #exp < :now",
                ExpressionAttributeNames = new() { ["#pk"] = DynamoDbStateTable.PartitionKey, ["#exp"] = DynamoDbStateTable.ExpiresAt },
                ExpressionAttributeValues = new() { [":now"] = Epoch(now) },
            },
        }).ToList();
        items.Add(opens is not null || kept is null || IsExpired(kept, now) ? PutWindow(pk, window) : UpdateWindow(pk, window));
        return items;
    }

    private TransactWriteItem PutWindow(string pk, AlertWindow window)
    {
        var item = new Dictionary<string, AttributeValue>(Key(pk, WindowSortKey));
        foreach (var (name, value) in WindowAttributes(window, opens!))
        {
            item[name] = value;
        }

        foreach (var (name, value) in Changing(window))
        {
            item[name] = value;
        }

        // A version is never reused: two processes replacing the same outlived item both read its version,
        // and the second one's condition fails on the version the first wrote.
        item[ItemVersion] = kept is null ? N(1) : N(Number(kept, ItemVersion) + 1);

        // A new window, or one whose item outlived its time to live: replaced only as it was read.
        var put = new Put { TableName = table, Item = item, ExpressionAttributeNames = new() { ["#pk"] = DynamoDbStateTable.PartitionKey } };
        if (kept is null)
        {
            put.ConditionExpression = "attribute_not_exists(#pk)";
        }
        else
        {
            put.ConditionExpression = "#v = :v";
            put.ExpressionAttributeNames = new() { ["#v"] = ItemVersion };
            put.ExpressionAttributeValues = new() { [":v"] = kept[ItemVersion] };
        }

        return new TransactWriteItem { Put = put };
    }

    private TransactWriteItem UpdateWindow(string pk, AlertWindow window)
    {
        var names = new Dictionary<string, string> { ["#v"] = ItemVersion };
        var values = new Dictionary<string, AttributeValue> { [":v"] = kept![ItemVersion], [":next"] = N(Number(kept, ItemVersion) + 1) };
        var set = new List<string> { "#v = :next" };
        var remove = new List<string>();
        var changing = Changing(window);
        var index = 0;
        foreach (var name in new[] { EventCount, EventIds, FirstEventTime, LastEventTime, FiredAt, DynamoDbStateTable.PendingScope, DynamoDbStateTable.PendingOrder, DynamoDbStateTable.ExpiresAt })
        {
            names[$"#a{index}"] = name;
            if (changing.TryGetValue(name, out var value))
            {
                set.Add($"#a{index} = :a{index}");
                values[$":a{index}"] = value;
            }
            else
            {
                remove.Add($"#a{index}");
            }

            index++;
        }

        return new TransactWriteItem
        {
            Update = new Update
            {
                TableName = table,
                Key = Key(pk, WindowSortKey),
                UpdateExpression = $"SET {string.Join(", ", set)}" + (remove.Count > 0 ? $" REMOVE {string.Join(", ", remove)}" : string.Empty),
                ConditionExpression = "#v = :v",
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values,
            },
        };
    }

    /// <summary>
    /// The attributes a commit sets on a window; those absent are removed. A fired window joins the
    /// <c>pending</c> index and loses its time to live (an alert is never lost to it); an unfired one expires.
    /// </summary>
    private Dictionary<string, AttributeValue> Changing(AlertWindow window)
    {
        var attributes = new Dictionary<string, AttributeValue>
        {
            [EventCount] = N(window.EventCount),
            [EventIds] = S(JsonSerializer.Serialize(window.EventIds)),
        };
        if (Stamp(window.FirstEventTime) is { } first)
        {
            attributes[FirstEventTime] = S(first);
        }

        if (Stamp(window.LastEventTime) is { } last)
        {
            attributes[LastEventTime] = S(last);
        }

        if (Stamp(window.FiredAt) is { } fired)
        {
            attributes[FiredAt] = S(fired);
            attributes[DynamoDbStateTable.PendingScope] = S(scope);
            attributes[DynamoDbStateTable.PendingOrder] = S(PendingOrder(window));
        }
        else
        {
            attributes[DynamoDbStateTable.ExpiresAt] = ExpiryOf(window.WindowEnd, now);
        }

        return attributes;
    }
}
