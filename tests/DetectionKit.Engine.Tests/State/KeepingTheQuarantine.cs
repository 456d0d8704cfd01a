using DetectionKit.Engine.State;
using DetectionKit.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace DetectionKit.Engine.Tests.State;

public sealed class KeepingTheQuarantine
{
    private const string Scope = "job|s3://bucket/";
    private const string Key = "AWSLogs/111122223333/CloudTrail/us-east-1/2024/08/01/111122223333_CloudTrail_us-east-1_20240801T1000Z_a.json.gz";
    private static readonly DateTimeOffset First = DateTimeOffset.Parse("2024-08-01T10:15:00Z");

    [Test]
    public void AQuarantinedObjectSurvivesReopeningAndKeepsWhenItWasFirstSeen()
    {
        using var folder = new TempRulesDirectory();
        var path = folder.PathOf("state.db");
        using (var state = SqliteAlertStateStore.Open(path))
        {
            state.Quarantine(new QuarantinedObject(Scope, Key, "\"e1\"", 120, "not valid gzip", First, First));
            state.Quarantine(new QuarantinedObject(Scope, Key, "\"e2\"", 140, "expands past 1 MiB", First.AddHours(1), First.AddHours(1)));
        }

        using var reopened = SqliteAlertStateStore.Open(path);
        Assert.That(reopened.Quarantined(Scope), Is.EqualTo(new[] { new QuarantinedObject(Scope, Key, "\"e2\"", 140, "expands past 1 MiB", First, First.AddHours(1)) }));
        Assert.That(reopened.Quarantined("other job|s3://bucket/"), Is.Empty);
    }

    [Test]
    public void TheQuarantineIsLookedUpByKeyPrefix()
    {
        using var state = SqliteAlertStateStore.InMemory();
        var otherDay = Key.Replace("/08/01/", "/08/02/", StringComparison.Ordinal);
        state.Quarantine(new QuarantinedObject(Scope, Key, "\"e1\"", 1, "corrupt", First, First));
        state.Quarantine(new QuarantinedObject(Scope, otherDay, "\"e2\"", 1, "corrupt", First, First));

        Assert.That(state.Quarantined(Scope, "AWSLogs/111122223333/CloudTrail/us-east-1/2024/08/02/").Select(q => q.Key), Is.EqualTo(new[] { otherDay }));
        Assert.That(state.Quarantined(Scope).Select(q => q.Key), Is.EqualTo(new[] { Key, otherDay }));
    }

    [Test]
    public void ACheckpointForTheKeyEndsItsQuarantine()
    {
        using var state = SqliteAlertStateStore.InMemory();
        state.Quarantine(new QuarantinedObject(Scope, Key, "\"e1\"", 1, "corrupt", First, First));
        state.Commit("job", [], new Checkpoint("other job|s3://bucket/", Key));
        Assert.That(state.Quarantined(Scope), Has.Count.EqualTo(1));

        state.Commit("job", [], new Checkpoint(Scope, Key));

        Assert.That(state.Quarantined(Scope), Is.Empty);
    }

    [Test]
    public void AStateFileOfTheFirstSchemaIsUpgradedKeepingWhereItsRunsEnded()
    {
        using var folder = new TempRulesDirectory();
        var path = folder.PathOf("state.db");
        using (var old = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE schema_version(version INTEGER NOT NULL);
                INSERT INTO schema_version(version) VALUES (1);
                CREATE TABLE checkpoints(scope TEXT NOT NULL, key TEXT NOT NULL, processed_at TEXT NOT NULL, PRIMARY KEY(scope, key)) WITHOUT ROWID;
                CREATE TABLE runs(scope TEXT PRIMARY KEY, last_until TEXT NOT NULL) WITHOUT ROWID;
                INSERT INTO runs(scope, last_until) VALUES ('job', '2024-08-01T10:15:00.0000000Z');
                """;
            create.ExecuteNonQuery();
        }

        using (var state = SqliteAlertStateStore.Open(path))
        {
            Assert.That(state.CoveredUntil("job"), Is.EqualTo(new CoveredRange(First)));
            state.Quarantine(new QuarantinedObject(Scope, Key, "\"e1\"", 1, "corrupt", First, First));
            state.RecordCovered("job", new CoveredRange(First.AddHours(1), "a listing failed"));
        }

        using var reopened = SqliteAlertStateStore.Open(path);
        Assert.That(reopened.CoveredUntil("job"), Is.EqualTo(new CoveredRange(First.AddHours(1), "a listing failed")));
        Assert.That(reopened.Quarantined(Scope).Select(q => q.Key), Is.EqualTo(new[] { Key }));
    }
}
