using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Correlation;
using DetectionKit.Engine.Loading;
using DetectionKit.Engine.Rules;
using Microsoft.Data.Sqlite;

namespace DetectionKit.Engine.State;

/// <summary>
/// The alert state in an embedded SQLite database: a file that survives restarts, or
/// <see cref="InMemory"/> for ad-hoc runs. Every <see cref="Commit"/> is one transaction, in which
/// <see cref="AlertGrouping"/> decides what the windows hold and the store only keeps it. A file is
/// held with an exclusive lock (<c>PATH.lock</c>, beside the real file when the path goes through a
/// symbolic link) while open: two processes sharing one state would each deliver every alert.
/// </summary>
public sealed class SqliteAlertStateStore : IAlertStateStore
{
    // 2: runs.held_by (a covered range held back by a failure) and the quarantine table.
    // 3: delivery claims and worker statuses.
    // 4: correlation groups (their step matches and firings).
    private const int SchemaVersion = 4;

    /// <summary>How long a worker's status is kept after it was last seen.</summary>
    private static readonly TimeSpan WorkerRetention = TimeSpan.FromDays(30);

    // The columns of an AlertWindow, in the order ReadWindow reads them.
    private const string WindowColumns = "w.alert_id, w.rule_id, w.dedup_key, w.window_start, w.window_end, w.threshold, w.event_count, w.event_ids, w.first_event_time, w.last_event_time, w.fired_at";

    private readonly SqliteConnection connection;
    private readonly FileStream? lockFile;

    private SqliteAlertStateStore(string connectionString, FileStream? lockFile)
    {
        this.lockFile = lockFile;
        connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        Migrate();
    }

    /// <summary>Opens (creating if needed) the state file at <paramref name="path"/>.</summary>
    /// <exception cref="StateStoreException">The file is locked, unreadable, or not a state database.</exception>
    public static SqliteAlertStateStore Open(string path)
    {
        // The lock is taken beside the file the path really leads to: a second process reaching the
        // same file through a symbolic link (to it or to a folder on its way) must find it taken.
        var full = RealPath.Of(Path.GetFullPath(path))
            ?? throw new StateStoreException($"cannot use the state file {Path.GetFullPath(path)}: its path has a cycle of symbolic links");
        FileStream? lockFile = null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            lockFile = AcquireLock(full);
            return new SqliteAlertStateStore(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString(), lockFile);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            lockFile?.Dispose();
            throw ex as StateStoreException ?? StateStoreException.Of(full, ex);
        }
    }

    /// <summary>A state held wholly in memory, for tests and small inputs: it grows with every window it keeps.</summary>
    public static SqliteAlertStateStore InMemory() => new("Data Source=:memory:", null);

    /// <summary>
    /// A private state for one ad-hoc run, gone when disposed: SQLite's temporary database, which keeps
    /// a bounded page cache in memory and spills the rest to a file of its own that it deletes on close, so a
    /// long replay's windows do not have to fit in memory.
    /// </summary>
    public static SqliteAlertStateStore Temporary() => new("Data Source=", null);

    public void Commit(string scope, IReadOnlyCollection<AlertMatch> matches, Checkpoint? checkpoint, IReadOnlyCollection<StepMatch>? steps = null)
    {
        using var transaction = connection.BeginTransaction();
        var now = DateTimeOffset.UtcNow;
        using (var windows = new ScopeWindows(this, scope))
        {
            AlertGrouping.Add(FirstSeen(scope, matches), windows, now);
            foreach (var group in CorrelationGrouping.ByGroup(steps ?? []))
            {
                CommitGroup(scope, group.Key.RuleId, group.Key.GroupKey, [.. group], windows, now);
            }
        }

        if (checkpoint is not null)
        {
            Execute("INSERT OR IGNORE INTO checkpoints(scope, key, processed_at) VALUES ($scope, $key, $at)", ("$scope", checkpoint.Scope), ("$key", checkpoint.Key), ("$at", Stamp(now)));
            Execute("DELETE FROM quarantine WHERE scope = $scope AND key = $key", ("$scope", checkpoint.Scope), ("$key", checkpoint.Key));
        }

        transaction.Commit();
    }

    /// <summary>Decides one correlation group over what it kept and what arrived, and keeps the result (inside the commit's transaction).</summary>
    private void CommitGroup(string scope, string ruleId, string groupKey, IReadOnlyList<StepMatch> arriving, ScopeWindows windows, DateTimeOffset now)
    {
        var update = CorrelationGrouping.Apply(ReadGroup(scope, ruleId, groupKey), arriving, scope, now);
        Write(scope, ruleId, groupKey, update);
        foreach (var (window, alert) in update.Alerts)
        {
            if (windows.Find(window.AlertId) is null)
            {
                windows.Insert(window, alert);
            }
        }
    }

    /// <summary>The matches with those that are the first of their key in their rule's <c>first_seen</c> period raised; keeps their times.</summary>
    private IReadOnlyCollection<AlertMatch> FirstSeen(string scope, IReadOnlyCollection<AlertMatch> matches)
    {
        Dictionary<AlertMatch, AlertMatch>? raised = null;
        foreach (var rule in FirstSeenGrouping.ByRule(matches))
        {
            var ruleId = FirstSeenGrouping.StateRuleId(rule.Key);
            var (since, tracking) = FirstSeenGrouping.Track(ReadGroup(scope, ruleId, FirstSeenGrouping.TrackingKey), rule);
            Write(scope, ruleId, FirstSeenGrouping.TrackingKey, tracking);
            foreach (var key in FirstSeenGrouping.ByKey(rule))
            {
                var (changed, update) = FirstSeenGrouping.Apply(ReadGroup(scope, ruleId, key.Key.DedupKey), [.. key], since);
                Write(scope, ruleId, key.Key.DedupKey, update);
                foreach (var (match, replacement) in changed)
                {
                    (raised ??= new(ReferenceEqualityComparer.Instance))[match] = replacement;
                }
            }
        }

        return raised is null ? matches : [.. matches.Select(m => raised.GetValueOrDefault(m, m))];
    }

    /// <summary>Keeps what a group's update changed: removed and added step matches, and firings.</summary>
    private void Write(string scope, string ruleId, string groupKey, CorrelationUpdate update)
    {
        if (!update.Changed)
        {
            return;
        }

        var key = new (string, object?)[] { ("$scope", scope), ("$rule", ruleId), ("$group", groupKey) };
        foreach (var step in update.Removed)
        {
            Execute("DELETE FROM correlation_steps WHERE scope = $scope AND rule_id = $rule AND group_key = $group AND step = $step AND event_key = $key", [.. key, ("$step", step.Step), ("$key", step.EventKey)]);
        }

        foreach (var step in update.Added)
        {
            Execute(
                "INSERT OR IGNORE INTO correlation_steps(scope, rule_id, group_key, step, event_key, event_time, data) VALUES ($scope, $rule, $group, $step, $key, $time, $data)",
                [.. key, ("$step", step.Step), ("$key", step.EventKey), ("$time", Stamp(step.EventTime)), ("$data", JsonSerializer.Serialize(step))]);
        }

        foreach (var firing in update.Fired)
        {
            Execute(
                "INSERT OR IGNORE INTO correlation_firings(scope, rule_id, group_key, alert_id, first_time, last_time) VALUES ($scope, $rule, $group, $id, $first, $last)",
                [.. key, ("$id", firing.AlertId), ("$first", Stamp(firing.First)), ("$last", Stamp(firing.Last))]);
        }
    }

    private CorrelationGroup ReadGroup(string scope, string ruleId, string groupKey)
    {
        var key = new (string, object?)[] { ("$scope", scope), ("$rule", ruleId), ("$group", groupKey) };
        var steps = new List<CorrelationStep>();
        using (var command = Command("SELECT data FROM correlation_steps WHERE scope = $scope AND rule_id = $rule AND group_key = $group", key))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                steps.Add(JsonSerializer.Deserialize<CorrelationStep>(reader.GetString(0))!);
            }
        }

        var firings = new List<CorrelationFiring>();
        using (var command = Command("SELECT alert_id, first_time, last_time FROM correlation_firings WHERE scope = $scope AND rule_id = $rule AND group_key = $group", key))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                firings.Add(new CorrelationFiring(reader.GetString(0), ParseStamp(reader.GetString(1))!.Value, ParseStamp(reader.GetString(2))!.Value));
            }
        }

        return new CorrelationGroup(ruleId, groupKey) { Steps = steps, Firings = firings };
    }

    public bool IsProcessed(Checkpoint checkpoint)
    {
        using var command = Command("SELECT 1 FROM checkpoints WHERE scope = $scope AND key = $key", ("$scope", checkpoint.Scope), ("$key", checkpoint.Key));
        return command.ExecuteScalar() is not null;
    }

    public IReadOnlySet<string> ProcessedUnder(string scope, string keyPrefix)
    {
        using var command = KeysUnder("SELECT key FROM checkpoints", scope, keyPrefix);
        using var reader = command.ExecuteReader();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    public IReadOnlyList<Alert> Undelivered(string scope, string output, IReadOnlySet<string> ruleIds)
    {
        using var command = Command(
            $"""
            SELECT {WindowColumns}, w.first_alert FROM windows w
            WHERE w.scope = $scope AND w.fired_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.scope = w.scope AND d.alert_id = w.alert_id AND d.output = $output)
            ORDER BY w.first_event_time, w.rule_id, w.dedup_key
            """,
            ("$scope", scope),
            ("$output", output));
        using var reader = command.ExecuteReader();
        var alerts = new List<Alert>();
        while (reader.Read())
        {
            var window = ReadWindow(reader);
            if (ruleIds.Contains(window.RuleId))
            {
                alerts.Add(window.Describe(AlertJson.FromJson(JsonNode.Parse(reader.GetString(reader.GetOrdinal("first_alert")))!.AsObject())));
            }
        }

        return alerts;
    }

    public void MarkDelivered(string scope, string alertId, string output)
    {
        using var transaction = connection.BeginTransaction();
        Execute("INSERT OR IGNORE INTO deliveries(scope, alert_id, output, delivered_at) VALUES ($scope, $id, $output, $at)", ("$scope", scope), ("$id", alertId), ("$output", output), ("$at", Now()));
        Execute("DELETE FROM delivery_claims WHERE scope = $scope AND alert_id = $id AND output = $output", ("$scope", scope), ("$id", alertId), ("$output", output));
        transaction.Commit();
    }

    public bool TryClaimDelivery(string scope, string alertId, string output, string holder, DateTimeOffset until) =>
        Execute(
            """
            INSERT INTO delivery_claims(scope, alert_id, output, holder, until)
            SELECT $scope, $id, $output, $holder, $until
            WHERE NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.scope = $scope AND d.alert_id = $id AND d.output = $output)
            ON CONFLICT(scope, alert_id, output) DO UPDATE SET holder = excluded.holder, until = excluded.until
            WHERE delivery_claims.holder = excluded.holder OR delivery_claims.until < $now
            """,
            ("$scope", scope),
            ("$id", alertId),
            ("$output", output),
            ("$holder", holder),
            ("$until", Stamp(until)),
            ("$now", Now())) == 1;

    public void RecordWorker(WorkerStatus status)
    {
        using var transaction = connection.BeginTransaction();
        Execute(
            """
            INSERT INTO workers(scope, worker_id, rule_set_hash, version, started_at, seen_at, objects, events, alerts, stopped)
            VALUES ($scope, $id, $hash, $version, $started, $seen, $objects, $events, $alerts, $stopped)
            ON CONFLICT(scope, worker_id) DO UPDATE SET rule_set_hash = excluded.rule_set_hash, version = excluded.version, seen_at = excluded.seen_at,
                objects = excluded.objects, events = excluded.events, alerts = excluded.alerts, stopped = excluded.stopped
            """,
            ("$scope", status.Scope),
            ("$id", status.WorkerId),
            ("$hash", status.RuleSetHash),
            ("$version", status.Version),
            ("$started", Stamp(status.StartedAt)),
            ("$seen", Stamp(status.SeenAt)),
            ("$objects", status.Objects),
            ("$events", status.Events),
            ("$alerts", status.Alerts),
            ("$stopped", status.Stopped ? 1 : 0));
        Execute("DELETE FROM workers WHERE scope = $scope AND seen_at < $t", ("$scope", status.Scope), ("$t", Stamp(status.SeenAt - WorkerRetention)));
        transaction.Commit();
    }

    public IReadOnlyList<WorkerStatus> Workers(string scope, DateTimeOffset seenSince)
    {
        using var command = Command(
            "SELECT worker_id, rule_set_hash, version, started_at, seen_at, objects, events, alerts, stopped FROM workers WHERE scope = $scope AND seen_at >= $t ORDER BY worker_id",
            ("$scope", scope),
            ("$t", Stamp(seenSince)));
        using var reader = command.ExecuteReader();
        var workers = new List<WorkerStatus>();
        while (reader.Read())
        {
            workers.Add(new WorkerStatus(
                scope,
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                ParseStamp(reader.GetString(3))!.Value,
                ParseStamp(reader.GetString(4))!.Value,
                reader.GetInt64(5),
                reader.GetInt64(6),
                reader.GetInt64(7),
                reader.GetInt64(8) != 0));
        }

        return workers;
    }

    public CoveredRange? CoveredUntil(string scope)
    {
        using var command = Command("SELECT last_until, held_by FROM runs WHERE scope = $scope", ("$scope", scope));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new CoveredRange(ParseStamp(reader.GetString(0))!.Value, reader.IsDBNull(1) ? null : reader.GetString(1)) : null;
    }

    public void RecordCovered(string scope, CoveredRange range) =>
        Execute(
            "INSERT INTO runs(scope, last_until, held_by) VALUES ($scope, $until, $held) ON CONFLICT(scope) DO UPDATE SET last_until = excluded.last_until, held_by = excluded.held_by",
            ("$scope", scope),
            ("$until", Stamp(range.Until)),
            ("$held", range.HeldBy));

    public void Quarantine(QuarantinedObject entry) =>
        Execute(
            """
            INSERT INTO quarantine(scope, key, etag, size, reason, first_seen, last_seen) VALUES ($scope, $key, $etag, $size, $reason, $first, $last)
            ON CONFLICT(scope, key) DO UPDATE SET etag = excluded.etag, size = excluded.size, reason = excluded.reason, last_seen = excluded.last_seen
            """,
            ("$scope", entry.Scope),
            ("$key", entry.Key),
            ("$etag", entry.ETag),
            ("$size", entry.Size),
            ("$reason", entry.Reason),
            ("$first", Stamp(entry.FirstSeen)),
            ("$last", Stamp(entry.LastSeen)));

    public IReadOnlyList<QuarantinedObject> Quarantined(string checkpointScope, string keyPrefix = "")
    {
        using var command = KeysUnder("SELECT key, etag, size, reason, first_seen, last_seen FROM quarantine", checkpointScope, keyPrefix);
        using var reader = command.ExecuteReader();
        var entries = new List<QuarantinedObject>();
        while (reader.Read())
        {
            entries.Add(new QuarantinedObject(checkpointScope, reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), ParseStamp(reader.GetString(4))!.Value, ParseStamp(reader.GetString(5))!.Value));
        }

        return entries;
    }

    public void PruneWindows(string scope, DateTimeOffset endedBefore, IReadOnlyCollection<string> outputs)
    {
        using var transaction = connection.BeginTransaction();
        Execute("CREATE TEMP TABLE IF NOT EXISTS prune_outputs(output TEXT PRIMARY KEY)");
        Execute("DELETE FROM prune_outputs");
        foreach (var output in outputs)
        {
            Execute("INSERT OR IGNORE INTO prune_outputs(output) VALUES ($output)", ("$output", output));
        }

        // An alert that fired but one of the outputs has not accepted stays, however old: never lost.
        Execute(
            """
            CREATE TEMP TABLE IF NOT EXISTS prune_ids(alert_id TEXT PRIMARY KEY);
            DELETE FROM prune_ids;
            INSERT INTO prune_ids
            SELECT w.alert_id FROM windows w
            WHERE w.scope = $scope AND w.window_end < $t
              AND (w.fired_at IS NULL OR NOT EXISTS (
                SELECT 1 FROM prune_outputs o
                WHERE NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.scope = w.scope AND d.alert_id = w.alert_id AND d.output = o.output)));
            DELETE FROM window_events WHERE scope = $scope AND alert_id IN (SELECT alert_id FROM prune_ids);
            DELETE FROM deliveries WHERE scope = $scope AND alert_id IN (SELECT alert_id FROM prune_ids);
            DELETE FROM delivery_claims WHERE scope = $scope AND alert_id IN (SELECT alert_id FROM prune_ids);
            DELETE FROM windows WHERE scope = $scope AND alert_id IN (SELECT alert_id FROM prune_ids);
            DELETE FROM correlation_steps WHERE scope = $scope AND event_time < $t AND rule_id NOT LIKE 'first-seen:%';
            DELETE FROM correlation_steps WHERE scope = $scope AND event_time < $year AND rule_id LIKE 'first-seen:%' AND group_key <> $tracking;
            DELETE FROM correlation_firings WHERE scope = $scope AND last_time < $t;
            """,
            ("$scope", scope),
            ("$t", Stamp(endedBefore)),
            ("$year", Stamp(endedBefore - FirstSeenDefinition.MaxWithin)),
            ("$tracking", FirstSeenGrouping.TrackingKey));
        transaction.Commit();
    }

    public void PruneCheckpoints(string checkpointScope, DateTimeOffset recordedBefore) =>
        Execute("DELETE FROM checkpoints WHERE scope = $scope AND processed_at < $t", ("$scope", checkpointScope), ("$t", Stamp(recordedBefore)));

    public void Dispose()
    {
        connection.Dispose();
        lockFile?.Dispose();
    }

    private static FileStream AcquireLock(string path)
    {
        try
        {
            return new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new StateStoreException($"the state file {path} is in use by another detectionkit process (it holds {path}.lock); run one process per state file", ex);
        }
    }

    private void Migrate()
    {
        Execute(
            """
            CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS windows(
                scope TEXT NOT NULL,
                alert_id TEXT NOT NULL,
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
                fired_at TEXT,
                PRIMARY KEY(scope, alert_id)) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS windows_fired ON windows(scope, fired_at);
            CREATE TABLE IF NOT EXISTS window_events(scope TEXT NOT NULL, alert_id TEXT NOT NULL, event_key TEXT NOT NULL, PRIMARY KEY(scope, alert_id, event_key)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS deliveries(scope TEXT NOT NULL, alert_id TEXT NOT NULL, output TEXT NOT NULL, delivered_at TEXT NOT NULL, PRIMARY KEY(scope, alert_id, output)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS checkpoints(scope TEXT NOT NULL, key TEXT NOT NULL, processed_at TEXT NOT NULL, PRIMARY KEY(scope, key)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS runs(scope TEXT PRIMARY KEY, last_until TEXT NOT NULL, held_by TEXT) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS quarantine(
                scope TEXT NOT NULL,
                key TEXT NOT NULL,
                etag TEXT NOT NULL,
                size INTEGER NOT NULL,
                reason TEXT NOT NULL,
                first_seen TEXT NOT NULL,
                last_seen TEXT NOT NULL,
                PRIMARY KEY(scope, key)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS delivery_claims(
                scope TEXT NOT NULL,
                alert_id TEXT NOT NULL,
                output TEXT NOT NULL,
                holder TEXT NOT NULL,
                until TEXT NOT NULL,
                PRIMARY KEY(scope, alert_id, output)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS correlation_steps(
                scope TEXT NOT NULL,
                rule_id TEXT NOT NULL,
                group_key TEXT NOT NULL,
                step TEXT NOT NULL,
                event_key TEXT NOT NULL,
                event_time TEXT NOT NULL,
                data TEXT NOT NULL,
                PRIMARY KEY(scope, rule_id, group_key, step, event_key)) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS correlation_steps_time ON correlation_steps(scope, event_time);
            CREATE TABLE IF NOT EXISTS correlation_firings(
                scope TEXT NOT NULL,
                rule_id TEXT NOT NULL,
                group_key TEXT NOT NULL,
                alert_id TEXT NOT NULL,
                first_time TEXT NOT NULL,
                last_time TEXT NOT NULL,
                PRIMARY KEY(scope, rule_id, group_key, alert_id)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS workers(
                scope TEXT NOT NULL,
                worker_id TEXT NOT NULL,
                rule_set_hash TEXT NOT NULL,
                version TEXT NOT NULL,
                started_at TEXT NOT NULL,
                seen_at TEXT NOT NULL,
                objects INTEGER NOT NULL,
                events INTEGER NOT NULL,
                alerts INTEGER NOT NULL,
                stopped INTEGER NOT NULL,
                PRIMARY KEY(scope, worker_id)) WITHOUT ROWID;
            """);
        using var read = Command("SELECT version FROM schema_version");
        var version = read.ExecuteScalar();
        if (version is null)
        {
            Execute("INSERT INTO schema_version(version) VALUES ($v)", ("$v", SchemaVersion));
        }
        else if (Convert.ToInt32(version, CultureInfo.InvariantCulture) > SchemaVersion)
        {
            throw new StateStoreException($"the state file was written by a newer DetectionKit (schema {version}; this one knows {SchemaVersion})");
        }
        else if (Convert.ToInt32(version, CultureInfo.InvariantCulture) < SchemaVersion)
        {
            Upgrade(Convert.ToInt32(version, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Brings a state file of an older schema up to this one, in one transaction; the tables it lacks were created above.</summary>
    private void Upgrade(int from)
    {
        using var transaction = connection.BeginTransaction();
        if (from < 2)
        {
            // A version 1 file's last_until is where its last completed run ended: its covered range, never held.
            Execute("ALTER TABLE runs ADD COLUMN held_by TEXT");
        }

        // Versions 3 and 4 only added tables, created above.

        Execute("UPDATE schema_version SET version = $v", ("$v", SchemaVersion));
        transaction.Commit();
    }

    /// <summary>
    /// A query of a table keyed by (scope, key), for the keys under a prefix: a key range rather than
    /// LIKE, so the lookup seeks the primary key (keys compare as bytes).
    /// </summary>
    private SqliteCommand KeysUnder(string select, string scope, string keyPrefix) => keyPrefix.Length == 0
        ? Command($"{select} WHERE scope = $scope ORDER BY key", ("$scope", scope))
        : Command(
            $"{select} WHERE scope = $scope AND key >= $from AND key < $to ORDER BY key",
            ("$scope", scope),
            ("$from", keyPrefix),
            ("$to", keyPrefix[..^1] + (char)(keyPrefix[^1] + 1)));

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

    private static AlertWindow ReadWindow(SqliteDataReader reader) => new()
    {
        AlertId = reader.GetString(0),
        RuleId = reader.GetString(1),
        DedupKey = reader.GetString(2),
        WindowStart = ParseStamp(reader.GetString(3))!.Value,
        WindowEnd = ParseStamp(reader.GetString(4))!.Value,
        Threshold = reader.GetInt32(5),
        EventCount = reader.GetInt32(6),
        EventIds = JsonSerializer.Deserialize<List<string>>(reader.GetString(7)) ?? [],
        FirstEventTime = ParseStamp(reader.IsDBNull(8) ? null : reader.GetString(8)),
        LastEventTime = ParseStamp(reader.IsDBNull(9) ? null : reader.GetString(9)),
        FiredAt = ParseStamp(reader.IsDBNull(10) ? null : reader.GetString(10)),
    };

    // Fixed-width UTC stamps sort as text, so SQL comparisons and ORDER BY work on them directly.
    private static string? Stamp(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseStamp(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static string Now() => Stamp(DateTimeOffset.UtcNow)!;

    /// <summary>One scope's windows inside the commit's transaction; <see cref="AlertGrouping"/> decides what they hold.</summary>
    private sealed class ScopeWindows(SqliteAlertStateStore store, string scope) : IAlertWindows, IDisposable
    {
        // One statement prepared per commit serves every match of it.
        private SqliteCommand? countEvent;

        public bool TryCountEvent(string alertId, string eventKey)
        {
            if (countEvent is null)
            {
                countEvent = store.Command("INSERT OR IGNORE INTO window_events(scope, alert_id, event_key) VALUES ($scope, $id, $key)", ("$scope", scope), ("$id", alertId), ("$key", eventKey));
                countEvent.Prepare();
            }
            else
            {
                countEvent.Parameters["$id"].Value = alertId;
                countEvent.Parameters["$key"].Value = eventKey;
            }

            return countEvent.ExecuteNonQuery() == 1;
        }

        public void Dispose() => countEvent?.Dispose();

        public AlertWindow? Find(string alertId)
        {
            using var command = store.Command($"SELECT {WindowColumns} FROM windows w WHERE w.scope = $scope AND w.alert_id = $id", ("$scope", scope), ("$id", alertId));
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadWindow(reader) : null;
        }

        public void Insert(AlertWindow window, Alert firstAlert) =>
            store.Execute(
                """
                INSERT INTO windows(scope, alert_id, rule_id, dedup_key, window_start, window_end, threshold, event_count, event_ids, first_event_time, last_event_time, first_alert, fired_at)
                VALUES ($scope, $id, $rule, $dedup, $start, $end, $threshold, $count, $ids, $first, $last, $alert, $fired)
                """,
                ("$scope", scope),
                ("$id", window.AlertId),
                ("$rule", window.RuleId),
                ("$dedup", window.DedupKey),
                ("$start", Stamp(window.WindowStart)),
                ("$end", Stamp(window.WindowEnd)),
                ("$threshold", window.Threshold),
                ("$count", window.EventCount),
                ("$ids", JsonSerializer.Serialize(window.EventIds)),
                ("$first", Stamp(window.FirstEventTime)),
                ("$last", Stamp(window.LastEventTime)),
                ("$alert", AlertJson.ToJson(firstAlert).ToJsonString()),
                ("$fired", Stamp(window.FiredAt)));

        public void Update(AlertWindow window) =>
            store.Execute(
                "UPDATE windows SET event_count = $count, event_ids = $ids, first_event_time = $first, last_event_time = $last, fired_at = $fired WHERE scope = $scope AND alert_id = $id",
                ("$scope", scope),
                ("$id", window.AlertId),
                ("$count", window.EventCount),
                ("$ids", JsonSerializer.Serialize(window.EventIds)),
                ("$first", Stamp(window.FirstEventTime)),
                ("$last", Stamp(window.LastEventTime)),
                ("$fired", Stamp(window.FiredAt)));
    }
}
