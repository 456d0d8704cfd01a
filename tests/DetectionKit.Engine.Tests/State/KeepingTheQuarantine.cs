using DetectionKit.Engine.State;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.State;

/// <summary>Objects quarantined for what they are, as every store keeps them. Runs against every store in <see cref="Stores"/>.</summary>
[TestFixtureSource(nameof(Stores))]
public sealed class KeepingTheQuarantine(string storeName)
{
    private const string Key = "AWSLogs/111122223333/CloudTrail/us-east-1/2024/08/01/111122223333_CloudTrail_us-east-1_20240801T1000Z_a.json.gz";
    private static readonly DateTimeOffset First = DateTimeOffset.Parse("2024-08-01T10:15:00Z");

    public static IEnumerable<string> Stores => SharedStores.Names;

    [Test]
    public void AQuarantinedObjectSurvivesReopeningAndKeepsWhenItWasFirstSeen()
    {
        using var folder = new TempRulesDirectory();
        var path = folder.PathOf("state.db");
        Func<IAlertStateStore> open = storeName == "sqlite" ? () => SqliteAlertStateStore.Open(path) : SharedStores.OpenDynamoDb;
        var scope = Scope();
        using (var state = open())
        {
            state.Quarantine(new QuarantinedObject(scope, Key, "\"e1\"", 120, "not valid gzip", First, First));
            state.Quarantine(new QuarantinedObject(scope, Key, "\"e2\"", 140, "expands past 1 MiB", First.AddHours(1), First.AddHours(1)));
        }

        using var reopened = open();
        Assert.That(reopened.Quarantined(scope), Is.EqualTo(new[] { new QuarantinedObject(scope, Key, "\"e2\"", 140, "expands past 1 MiB", First, First.AddHours(1)) }));
        Assert.That(reopened.Quarantined(Scope()), Is.Empty);
    }

    [Test]
    public void TheQuarantineIsLookedUpByKeyPrefix()
    {
        using var state = SharedStores.Open(storeName);
        var scope = Scope();
        var otherDay = Key.Replace("/08/01/", "/08/02/", StringComparison.Ordinal);
        state.Quarantine(new QuarantinedObject(scope, Key, "\"e1\"", 1, "corrupt", First, First));
        state.Quarantine(new QuarantinedObject(scope, otherDay, "\"e2\"", 1, "corrupt", First, First));

        Assert.That(state.Quarantined(scope, "AWSLogs/111122223333/CloudTrail/us-east-1/2024/08/02/").Select(q => q.Key), Is.EqualTo(new[] { otherDay }));
        Assert.That(state.Quarantined(scope).Select(q => q.Key), Is.EqualTo(new[] { Key, otherDay }));
    }

    [Test]
    public void ACheckpointForTheKeyEndsItsQuarantine()
    {
        using var state = SharedStores.Open(storeName);
        var scope = Scope();
        state.Quarantine(new QuarantinedObject(scope, Key, "\"e1\"", 1, "corrupt", First, First));
        state.Commit("job", [], new Checkpoint(Scope(), Key));
        Assert.That(state.Quarantined(scope), Has.Count.EqualTo(1));

        state.Commit("job", [], new Checkpoint(scope, Key));

        Assert.That(state.Quarantined(scope), Is.Empty);
    }

    // A checkpoint scope of its own per test, shaped as a job's: the job and its source.
    private static string Scope() => $"{SharedStores.NewScope()}|s3://bucket/";
}
