using DetectionKit.Engine.State;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;
using Microsoft.Data.Sqlite;
using static DetectionKit.Engine.Tests.Support.SomeAlert;

namespace DetectionKit.Engine.Tests.State;

/// <summary>What only the SQLite state file does: survive reopening, one process at a time, upgrades of older files.</summary>
public sealed class KeepingStateAcrossRestarts
{
    private const string Scope = "job|s3://bucket/";
    private const string Key = "AWSLogs/111122223333/CloudTrail/us-east-1/2024/08/01/111122223333_CloudTrail_us-east-1_20240801T1000Z_a.json.gz";
    private static readonly DateTimeOffset First = DateTimeOffset.Parse("2024-08-01T10:15:00Z");
    private static readonly HashSet<string> AllRules = ["rule"];

    [Test]
    public void WindowsDeliveriesAndCheckpointsSurviveReopeningTheFile()
    {
        using var folder = new TempRulesDirectory();
        var path = folder.PathOf("state/state.db");
        var checkpoint = new Checkpoint("job|s3://bucket/", "AWSLogs/111122223333/CloudTrail/us-east-1/2024/07/31/a.json.gz");
        using (var state = SqliteAlertStateStore.Open(path))
        {
            state.Commit("s", [SomeAlert.Match(At("13:06:24", "e1")), SomeAlert.Match(At("13:16:24", "e2"), dedupKey: "other")], checkpoint);
            state.MarkDelivered("s", state.Undelivered("s", "out", AllRules)[0].AlertId, "out");
        }

        using var reopened = SqliteAlertStateStore.Open(path);
        reopened.Commit("s", [SomeAlert.Match(At("13:30:00", "e3"))], null);

        Assert.That(reopened.IsProcessed(checkpoint), Is.True);
        Assert.That(reopened.Undelivered("s", "out", AllRules).Select(a => a.DedupKey), Is.EqualTo(new[] { "other" }));
        Assert.That(reopened.Undelivered("s", "another output", AllRules).Select(a => (a.DedupKey, a.EventCount)), Is.EqualTo(new[] { ("key", 2), ("other", 1) }));
    }

    [Test]
    public void AStateFileIsUsedByOneProcessAtATime()
    {
        using var folder = new TempRulesDirectory();
        var path = folder.PathOf("state.db");
        using var first = SqliteAlertStateStore.Open(path);

        var error = Assert.Throws<StateStoreException>(() => SqliteAlertStateStore.Open(path));

        Assert.That(error!.Message, Does.Contain("is in use by another detectionkit process"));
    }

    [Test]
    public void AFileThatIsNotAStateDatabaseIsReportedByName()
    {
        using var folder = new TempRulesDirectory();
        var path = folder.Write("notes.txt", "these are not the tables you are looking for, " + new string('x', 200));

        var error = Assert.Throws<StateStoreException>(() => SqliteAlertStateStore.Open(path));

        Assert.That(error!.Message, Does.Contain(path).And.Contain("cannot use the state file"));
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
