namespace DetectionKit.Engine.Compilation.Caching;

/// <summary>
/// Where compiled rules are cached: a per-user folder outside any repository, so an entry is never
/// committed, never shared between users and never taken from a pull request's checkout.
/// </summary>
public static class CacheFolder
{
    /// <summary>The variable that names the folder, or turns the cache off with <c>off</c>.</summary>
    public const string Variable = "DETECTIONKIT_CACHE";

    /// <summary>
    /// <c>$DETECTIONKIT_CACHE</c> if set, else <c>$XDG_CACHE_HOME/detectionkit</c>, else
    /// <c>~/.cache/detectionkit</c> (on Windows, under the local application data folder); null when
    /// <c>DETECTIONKIT_CACHE=off</c>.
    /// </summary>
    public static string? Resolve(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (environment(Variable) is { Length: > 0 } configured)
        {
            return string.Equals(configured.Trim(), "off", StringComparison.OrdinalIgnoreCase) ? null : Path.GetFullPath(configured);
        }

        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "DetectionKit", "cache");
        }

        if (environment("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "detectionkit");
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "detectionkit");
    }
}
