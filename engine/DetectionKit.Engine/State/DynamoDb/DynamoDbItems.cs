using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using DetectionKit.Engine.Alerting;

namespace DetectionKit.Engine.State.DynamoDb;

/// <summary>
/// The keys and attributes of the state's items (the layout <see cref="DynamoDbAlertStateStore"/>
/// describes), and the window item read back as an <see cref="AlertWindow"/>.
/// </summary>
internal static class DynamoDbItems
{
    public const string WindowSortKey = "window";
    public const string RangeSortKey = "range";
    public const string EventPrefix = "E#";

    public const string AlertId = "alertId";
    public const string RuleId = "ruleId";
    public const string DedupKey = "dedupKey";
    public const string WindowStart = "windowStart";
    public const string WindowEnd = "windowEnd";
    public const string Threshold = "threshold";
    public const string EventCount = "eventCount";
    public const string EventIds = "eventIds";
    public const string FirstEventTime = "firstEventTime";
    public const string LastEventTime = "lastEventTime";
    public const string FirstAlert = "firstAlert";
    public const string FiredAt = "firedAt";
    public const string ItemVersion = "version";
    public const string ProcessedAt = "processedAt";
    public const string Until = "until";
    public const string HeldBy = "heldBy";
    public const string Holder = "holder";

    // The attributes of pendingOrder are joined by a character that sorts below any a rule id or dedup key holds.
    private const char OrderSeparator = '\u0001';

    public static string WindowKey(string scope, string alertId) => $"W#{scope}#{alertId}";

    public static string CheckpointKey(string scope) => $"C#{scope}";

    public static string QuarantineKey(string scope) => $"Q#{scope}";

    public static string RangeKey(string scope) => $"R#{scope}";

    public static string WorkerKey(string scope) => $"K#{scope}";

    /// <summary>The attribute of a window item that records the output accepted its alert.</summary>
    public static string Delivered(string output) => "delivered:" + output;

    /// <summary>The attribute of a window item that holds a claim on its delivery to the output (holder and until).</summary>
    public static string Claim(string output) => "claim:" + output;

    public static Dictionary<string, AttributeValue> Key(string pk, string sk) => new()
    {
        [DynamoDbStateTable.PartitionKey] = S(pk),
        [DynamoDbStateTable.SortKey] = S(sk),
    };

    /// <summary>Where a fired window sorts among a scope's pending alerts: as SQLite's ORDER BY first_event_time, rule_id, dedup_key (a window without event time first).</summary>
    public static string PendingOrder(AlertWindow window) =>
        $"{Stamp(window.FirstEventTime) ?? string.Empty}{OrderSeparator}{window.RuleId}{OrderSeparator}{window.DedupKey}";

    /// <summary>When an item that only matters while its window may still change expires: the retention after the window ends, or after now for a window that ended long ago (a replay).</summary>
    public static AttributeValue ExpiryOf(DateTimeOffset windowEnd, DateTimeOffset now) =>
        Epoch(Correlation.Correlator.Later(windowEnd > now ? windowEnd : now, DynamoDbAlertStateStore.Retention));

    public static bool IsExpired(Dictionary<string, AttributeValue> item, DateTimeOffset now) =>
        item.TryGetValue(DynamoDbStateTable.ExpiresAt, out var expires) && expires.N is { } n && long.Parse(n, CultureInfo.InvariantCulture) < now.ToUnixTimeSeconds();

    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue Epoch(DateTimeOffset time) => N(time.ToUnixTimeSeconds());

    public static string? Text(Dictionary<string, AttributeValue> item, string name) => item.TryGetValue(name, out var value) ? value.S : null;

    public static long Number(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } n ? long.Parse(n, CultureInfo.InvariantCulture) : 0;

    public static DateTimeOffset? Time(Dictionary<string, AttributeValue> item, string name) => ParseStamp(Text(item, name));

    /// <summary>The window's attributes as a new item holds them, without its key and bookkeeping.</summary>
    public static Dictionary<string, AttributeValue> WindowAttributes(AlertWindow window, Alert firstAlert) => new()
    {
        [AlertId] = S(window.AlertId),
        [RuleId] = S(window.RuleId),
        [DedupKey] = S(window.DedupKey),
        [WindowStart] = S(Stamp(window.WindowStart)!),
        [WindowEnd] = S(Stamp(window.WindowEnd)!),
        [Threshold] = N(window.Threshold),
        [FirstAlert] = S(AlertJson.ToJson(firstAlert).ToJsonString()),
    };

    public static AlertWindow ReadWindow(Dictionary<string, AttributeValue> item) => new()
    {
        AlertId = Text(item, AlertId)!,
        RuleId = Text(item, RuleId)!,
        DedupKey = Text(item, DedupKey)!,
        WindowStart = Time(item, WindowStart)!.Value,
        WindowEnd = Time(item, WindowEnd)!.Value,
        Threshold = (int)Number(item, Threshold),
        EventCount = (int)Number(item, EventCount),
        EventIds = JsonSerializer.Deserialize<List<string>>(Text(item, EventIds) ?? "[]") ?? [],
        FirstEventTime = Time(item, FirstEventTime),
        LastEventTime = Time(item, LastEventTime),
        FiredAt = Time(item, FiredAt),
    };

    // Fixed-width UTC stamps, as SQLite keeps them: they sort as text, so conditions and the index compare them directly.
    public static string? Stamp(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseStamp(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
