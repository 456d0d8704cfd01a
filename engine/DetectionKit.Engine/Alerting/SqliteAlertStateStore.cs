using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace DetectionKit.Engine.Alerting;

/// <summary>
/// The alert state in an embedded SQLite database: a file that survives restarts, or
/// <see cref="InMemory"/> for ad-hoc runs. Every <see cref="Commit"/> is one transaction.
/// </summary>
public sealed class SqliteAlertStateStore : IAlertStateStore
{
    private const int SchemaVersion = 1;

    private readonly SqliteConnection connection;

    private SqliteAlertStateStore(string connectionString)
    {
        connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=OFF;");
        Migrate();
    }

    /// <summary>Opens (creating if needed) the state file at <paramref name="path"/>.</summary>
    public static SqliteAlertStateStore Open(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        return new SqliteAlertStateStore(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
    }

    public static SqliteAlertStateStore InMemory() => new("Data Source=:memory:");

    public void Commit(IReadOnlyCollection<AlertMatch> matches, Checkpoint? checkpoint)
    {
        using var transaction = connection.BeginTransaction();
        var now = Now();
        foreach (var match in matches)
        {
            if (Execute("INSERT OR IGNORE INTO window_events(alert_id, event_key) VALUES ($id, $key)", ("$id", match.AlertId), ("$key", match.EventKey)) == 0)
            {
                continue;
            }

            using var read = Command("SELECT event_count, event_ids, first_event_time, last_event_time, fired_at FROM windows WHERE alert_id = $id", ("$id", match.AlertId));
            using var reader = read.ExecuteReader();
            if (!reader.Read())
            {
                reader.Close();
                Execute(
                    """
                    INSERT INTO windows(alert_id, rule_id, dedup_key, window_start, window_end, threshold, event_count, event_ids, first_event_time, last_event_time, first_alert, fired_at)
                    VALUES ($id, $rule, $dedup, $start, $end, $threshold, 1, $ids, $time, $time, $alert, $fired)
                    """,
                    ("$id", match.AlertId),
                    ("$rule", match.RuleId),
                    ("$dedup", match.DedupKey),
                    ("$start", Stamp(match.WindowStart)),
                    ("$end", Stamp(match.WindowEnd)),
                    ("$threshold", match.Threshold),
                    ("$ids", JsonSerializer.Serialize(match.FirstAlert.EventIds)),
                    ("$time", Stamp(match.EventTime)),
                    ("$alert", AlertJson.ToJson(match.FirstAlert).ToJsonString()),
                    ("$fired", match.Threshold <= 1 ? now : null));
                continue;
            }

            var count = reader.GetInt32(0) + 1;
            var ids = JsonSerializer.Deserialize<List<string>>(reader.GetString(1)) ?? [];
            var first = reader.IsDBNull(2) ? null : reader.GetString(2);
            var last = reader.IsDBNull(3) ? null : reader.GetString(3);
            var fired = reader.IsDBNull(4) ? null : reader.GetString(4);
            reader.Close();
            if (match.FirstAlert.EventId is { } eventId && ids.Count < AlertMatch.MaxEventIds)
            {
                ids.Add(eventId);
            }

            var time = Stamp(match.EventTime);
            Execute(
                "UPDATE windows SET event_count = $count, event_ids = $ids, first_event_time = $first, last_event_time = $last, fired_at = $fired WHERE alert_id = $id",
                ("$id", match.AlertId),
                ("$count", count),
                ("$ids", JsonSerializer.Serialize(ids)),
                ("$first", Min(first, time)),
                ("$last", Max(last, time)),
                ("$fired", fired ?? (count >= match.Threshold ? now : null)));
        }

        if (checkpoint is not null)
        {
            Execute("INSERT OR IGNORE INTO checkpoints(scope, key, processed_at) VALUES ($scope, $key, $at)", ("$scope", checkpoint.Scope), ("$key", checkpoint.Key), ("$at", now));
        }

        transaction.Commit();
    }

    public bool IsProcessed(Checkpoint checkpoint)
    {
        using var command = Command("SELECT 1 FROM checkpoints WHERE scope = $scope AND key = $key", ("$scope", checkpoint.Scope), ("$key", checkpoint.Key));
        return command.ExecuteScalar() is not null;
    }

    public IReadOnlySet<string> ProcessedUnder(string scope, string keyPrefix)
    {
        // A key range rather than LIKE, so the lookup seeks the primary key (keys compare as bytes).
        using var command = keyPrefix.Length == 0
            ? Command("SELECT key FROM checkpoints WHERE scope = $scope", ("$scope", scope))
            : Command(
                "SELECT key FROM checkpoints WHERE scope = $scope AND key >= $from AND key < $to",
                ("$scope", scope),
                ("$from", keyPrefix),
                ("$to", keyPrefix[..^1] + (char)(keyPrefix[^1] + 1)));
        using var reader = command.ExecuteReader();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    public IReadOnlyList<Alert> Undelivered(string output, IReadOnlySet<string> ruleIds)
    {
        using var command = Command(
            """
            SELECT w.rule_id, w.first_alert, w.event_count, w.event_ids, w.first_event_time, w.last_event_time FROM windows w
            WHERE w.fired_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.alert_id = w.alert_id AND d.output = $output)
            ORDER BY w.first_event_time, w.rule_id, w.dedup_key
            """,
            ("$output", output));
        using var reader = command.ExecuteReader();
        var alerts = new List<Alert>();
        while (reader.Read())
        {
            if (!ruleIds.Contains(reader.GetString(0)))
            {
                continue;
            }

            var alert = AlertJson.FromJson(JsonNode.Parse(reader.GetString(1))!.AsObject());
            alerts.Add(alert with
            {
                EventCount = reader.GetInt32(2),
                EventIds = JsonSerializer.Deserialize<List<string>>(reader.GetString(3)) ?? [],
                FirstEventTime = ParseStamp(reader.IsDBNull(4) ? null : reader.GetString(4)),
                LastEventTime = ParseStamp(reader.IsDBNull(5) ? null : reader.GetString(5)),
            });
        }

        return alerts;
    }

    public void MarkDelivered(string alertId, string output) =>
        Execute("INSERT OR IGNORE INTO deliveries(alert_id, output, delivered_at) VALUES ($id, $output, $at)", ("$id", alertId), ("$output", output), ("$at", Now()));

    public void Prune(DateTimeOffset windowsEndedBefore, string checkpointScope, DateTimeOffset checkpointsBefore)
    {
        using var transaction = connection.BeginTransaction();
        var cutoff = Stamp(windowsEndedBefore);
        Execute("DELETE FROM window_events WHERE alert_id IN (SELECT alert_id FROM windows WHERE window_end < $t)", ("$t", cutoff));
        Execute("DELETE FROM deliveries WHERE alert_id IN (SELECT alert_id FROM windows WHERE window_end < $t)", ("$t", cutoff));
        Execute("DELETE FROM windows WHERE window_end < $t", ("$t", cutoff));
        Execute("DELETE FROM checkpoints WHERE scope = $scope AND processed_at < $t", ("$scope", checkpointScope), ("$t", Stamp(checkpointsBefore)));
        transaction.Commit();
    }

    public void Dispose() => connection.Dispose();

    private void Migrate()
    {
        Execute(
            """
            CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS windows(
                alert_id TEXT PRIMARY KEY,
                rule_id TEXT NOT NULL,
                dedup_key TEXT NOT NULL,
                window_start TEXT NOT NULL,
                window_end TEXT NOT NULL,
                threshold INTEGER NOT NULL,
                event_count INTEGER NOT NULL,
                event_ids TEXT NOT NULL,
                first_event_time TEXT,
                last_event_time TEXT,
                first_alert TEXT NOT NULL,
                fired_at TEXT);
            CREATE INDEX IF NOT EXISTS windows_fired ON windows(fired_at);
            CREATE TABLE IF NOT EXISTS window_events(alert_id TEXT NOT NULL, event_key TEXT NOT NULL, PRIMARY KEY(alert_id, event_key)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS deliveries(alert_id TEXT NOT NULL, output TEXT NOT NULL, delivered_at TEXT NOT NULL, PRIMARY KEY(alert_id, output)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS checkpoints(scope TEXT NOT NULL, key TEXT NOT NULL, processed_at TEXT NOT NULL, PRIMARY KEY(scope, key)) WITHOUT ROWID;
            """);
        using var read = Command("SELECT version FROM schema_version");
        var version = read.ExecuteScalar();
        if (version is null)
        {
            Execute("INSERT INTO schema_version(version) VALUES ($v)", ("$v", SchemaVersion));
        }
        else if (Convert.ToInt32(version, CultureInfo.InvariantCulture) > SchemaVersion)
        {
            throw new InvalidOperationException($"the state file was written by a newer DetectionKit (schema {version}, this one knows {SchemaVersion})");
        }
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    // Fixed-width UTC stamps sort as text, so SQL comparisons and ORDER BY work on them directly.
    private static string? Stamp(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseStamp(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static string Now() => Stamp(DateTimeOffset.UtcNow)!;

    private static string? Min(string? a, string? b) => a is null ? b : b is null ? a : string.CompareOrdinal(a, b) <= 0 ? a : b;

    private static string? Max(string? a, string? b) => a is null ? b : b is null ? a : string.CompareOrdinal(a, b) >= 0 ? a : b;
}
