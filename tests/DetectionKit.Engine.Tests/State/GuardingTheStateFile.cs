using DetectionKit.Engine.State;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.State;

/// <summary>The state file is held by one process however its path is written, and a damaged one is reported with what to do, never replaced.</summary>
public sealed class GuardingTheStateFile
{
    [Test]
    public void AStateFileReachedThroughALinkedFolderIsLockedForTheProcessHoldingItByItsRealPath()
    {
        using var folder = new TempRulesDirectory();
        Directory.CreateDirectory(folder.PathOf("real"));
        Directory.CreateSymbolicLink(folder.PathOf("linked"), folder.PathOf("real"));
        using var first = SqliteAlertStateStore.Open(folder.PathOf("real/state.db"));

        var error = Assert.Throws<StateStoreException>(() => SqliteAlertStateStore.Open(folder.PathOf("linked/state.db")));

        Assert.That(error!.Message, Does.Contain("is in use by another detectionkit process").And.Contain(folder.PathOf("real/state.db.lock")));
    }

    [Test]
    public void AStateFileThatIsItselfALinkIsLockedAtTheFileItLeadsTo()
    {
        using var folder = new TempRulesDirectory();
        File.CreateSymbolicLink(folder.PathOf("alias.db"), folder.PathOf("state.db"));
        using var first = SqliteAlertStateStore.Open(folder.PathOf("alias.db"));

        Assert.Throws<StateStoreException>(() => SqliteAlertStateStore.Open(folder.PathOf("state.db")));
        Assert.That(folder.Exists("state.db.lock"), Is.True);
        Assert.That(folder.Exists("alias.db.lock"), Is.False);
    }

    [Test]
    public void ADamagedStateFileIsReportedWithItsPathAndWhatToDoAndIsLeftAsItWas()
    {
        using var folder = new TempRulesDirectory();
        var path = folder.PathOf("state.db");
        using (var state = SqliteAlertStateStore.Open(path))
        {
            state.RecordCovered("job", new CoveredRange(DateTimeOffset.UnixEpoch));
        }

        // The header of a SQLite file overwritten: what a torn write or a stray copy leaves.
        var bytes = File.ReadAllBytes(path);
        Array.Fill(bytes, (byte)0x5a, 0, 100);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<StateStoreException>(() => SqliteAlertStateStore.Open(path));

        Assert.That(error!.Message, Does.Contain($"cannot use the state file {path}: it is damaged or is not a DetectionKit state database"));
        Assert.That(error.Message, Does.Contain("restore it from a backup, or move it aside").And.Contain($"mv {path} {path}.damaged"));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(bytes), "the file is not recreated");
    }
}
