using System.Runtime.Versioning;
using System.Security.Cryptography;
using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Compilation.Caching;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Compilation.Caching;

/// <summary>
/// Rule scripts are untrusted, and so is anything on disk: an entry is used only when its HMAC holds
/// under this machine's key and it was stored for exactly these inputs. Any other entry is compiled
/// and checked again and replaced, which verbose output says and nothing else does.
/// </summary>
public sealed class AuthenticatingCacheEntries
{
    [Test]
    public void AnEntryWithAFlippedByteIsRebuiltAndReportedOnlyInVerboseOutput()
    {
        using var cache = Filled();
        var cold = cache.Compile();
        var bytes = File.ReadAllBytes(cache.Entry);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(cache.Entry, bytes);

        var rebuilt = cache.Compile();
        cache.Compile();

        Assert.That(cache.Outcomes, Is.EqualTo(new[] { CacheOutcome.Miss, CacheOutcome.Rebuilt, CacheOutcome.Hit }));
        Assert.That(cache.Events[1].ToString(), Does.Contain("failed authentication"));
        Assert.That(rebuilt.Diagnostics, Is.EqualTo(cold.Diagnostics), "nothing about the cache among the rules' diagnostics");
        Assert.That(rebuilt.Rules.Select(r => r.Id), Is.EqualTo(cold.Rules.Select(r => r.Id)));
    }

    [Test]
    public void AnEntrySealedWithAnotherKeyIsRebuilt()
    {
        using var cache = Filled();
        cache.Compile();
        File.WriteAllBytes(Path.Combine(cache.Folder, "key"), RandomNumberGenerator.GetBytes(32));

        cache.Compile();

        Assert.That(cache.Outcomes, Is.EqualTo(new[] { CacheOutcome.Miss, CacheOutcome.Rebuilt }));
        Assert.That(cache.Events[1].Detail, Does.Contain("failed authentication"));
    }

    [Test]
    public void ATruncatedEntryIsRebuilt()
    {
        using var cache = Filled();
        cache.Compile();
        var bytes = File.ReadAllBytes(cache.Entry);
        File.WriteAllBytes(cache.Entry, bytes[..(bytes.Length / 3)]);

        var result = cache.Compile();
        cache.Compile();

        Assert.That(cache.Outcomes, Is.EqualTo(new[] { CacheOutcome.Miss, CacheOutcome.Rebuilt, CacheOutcome.Hit }));
        Assert.That(cache.Events[1].Detail, Does.Contain("truncated"));
        Assert.That(result.Rules.Select(r => r.Id), Is.EqualTo(new[] { "rule" }));
    }

    [Test]
    public void AValidEntryUnderAnotherEntrysNameIsRebuilt()
    {
        using var cache = Filled();
        cache.Compile();
        var first = cache.Entry;
        var original = File.ReadAllBytes(first);
        cache.Rules.Write("rule.csx", Scripts.MatchesEverything);
        cache.Compile();
        var second = Directory.GetFiles(cache.Folder, "*.rules").Single(f => f != first);
        File.WriteAllBytes(second, original);

        var result = cache.Compile();

        Assert.That(cache.Outcomes, Is.EqualTo(new[] { CacheOutcome.Miss, CacheOutcome.Miss, CacheOutcome.Rebuilt }));
        Assert.That(cache.Events[2].Detail, Does.Contain("other inputs"));
        Assert.That(OnADeniedCall(result).Matched, Is.True, "the rule as it is now, not the entry's");
    }

    [Test]
    [Platform(Exclude = "Win")]
    [UnsupportedOSPlatform("windows")]
    public void TheKeyAndTheEntriesAreReadableByTheirOwnerOnly()
    {
        using var cache = Filled();
        cache.Compile();

        Assert.That(File.GetUnixFileMode(Path.Combine(cache.Folder, "key")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(File.GetUnixFileMode(cache.Entry), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    [Platform(Exclude = "Win")]
    [UnsupportedOSPlatform("windows")]
    public void AKeyOthersCanReadIsReplacedAndItsEntriesRebuilt()
    {
        using var cache = Filled();
        cache.Compile();
        var key = Path.Combine(cache.Folder, "key");
        var old = File.ReadAllBytes(key);
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        cache.Compile();

        Assert.That(cache.Outcomes, Is.EqualTo(new[] { CacheOutcome.Miss, CacheOutcome.Rebuilt }));
        Assert.That(File.ReadAllBytes(key), Is.Not.EqualTo(old));
        Assert.That(File.GetUnixFileMode(key), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    [Platform(Exclude = "Win")]
    [UnsupportedOSPlatform("windows")]
    public void AFolderOthersCanWriteToIsNeitherReadNorWritten()
    {
        using var cache = Filled();
        cache.Compile();
        File.SetUnixFileMode(cache.Folder, File.GetUnixFileMode(cache.Folder) | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
        File.Delete(cache.Entry);

        var result = cache.Compile();

        Assert.That(cache.Outcomes, Is.EqualTo(new[] { CacheOutcome.Miss, CacheOutcome.Miss }));
        Assert.That(cache.Events[1].Detail, Does.Contain("writable by other users"));
        Assert.That(Directory.GetFiles(cache.Folder, "*.rules"), Is.Empty, "nothing stored there");
        Assert.That(result.Rules.Select(r => r.Id), Is.EqualTo(new[] { "rule" }));
    }

    [Test]
    public void TwoCompilationsFillingOneEntryAtOnceBothGetTheirRules()
    {
        using var cache = Filled();
        var loaded = cache.Rules.Load().Rules;

        var results = Enumerable.Range(0, 2).AsParallel().Select(_ => new RuleCache(cache.Folder).Compile(loaded)).ToList();
        new RuleCache(cache.Folder, cache.Events.Add).Compile(loaded);

        Assert.That(results.Select(r => r.Rules.Single().Id), Is.EqualTo(new[] { "rule", "rule" }));
        Assert.That(cache.Outcomes, Is.EqualTo(new[] { CacheOutcome.Hit }));
        Assert.That(Directory.GetFiles(cache.Folder, "*.tmp"), Is.Empty);
    }

    private static CacheWorkspace Filled()
    {
        var cache = new CacheWorkspace();
        cache.Rules.AddRule("rule", Scripts.MatchesSuccess);
        return cache;
    }

    private static RuleOutcome OnADeniedCall(RuleCompilationResult result) =>
        RuleEvaluator.Evaluate(result.Rules.Single(), Some.Event(Some.Record(errorCode: "AccessDenied")));
}
