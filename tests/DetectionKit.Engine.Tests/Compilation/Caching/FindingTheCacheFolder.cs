using DetectionKit.Engine.Compilation.Caching;

namespace DetectionKit.Engine.Tests.Compilation.Caching;

/// <summary>The cache lives in a per-user folder outside any repository, or nowhere when turned off.</summary>
public sealed class FindingTheCacheFolder
{
    [Test]
    public void DetectionKitCacheNamesTheFolder() =>
        Assert.That(CacheFolder.Resolve(Environment(("DETECTIONKIT_CACHE", "/var/cache/dk"), ("XDG_CACHE_HOME", "/xdg"))), Is.EqualTo(Path.GetFullPath("/var/cache/dk")));

    [Test]
    public void OffTurnsTheCacheOff() =>
        Assert.That(CacheFolder.Resolve(Environment(("DETECTIONKIT_CACHE", "off"))), Is.Null);

    [Test]
    [Platform(Exclude = "Win")]
    public void WithoutItTheFolderIsUnderTheXdgCacheHome() =>
        Assert.That(CacheFolder.Resolve(Environment(("XDG_CACHE_HOME", "/home/me/.xdg-cache"))), Is.EqualTo("/home/me/.xdg-cache/detectionkit"));

    [Test]
    [Platform(Exclude = "Win")]
    public void WithNeitherTheFolderIsUnderTheHomeCache() =>
        Assert.That(CacheFolder.Resolve(Environment(("XDG_CACHE_HOME", "relative/is/ignored"))), Is.EqualTo(Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".cache", "detectionkit")));

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
