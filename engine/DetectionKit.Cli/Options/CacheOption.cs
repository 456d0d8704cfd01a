using System.CommandLine;
using DetectionKit.Cli.Hosting;
using DetectionKit.Engine.Compilation.Caching;

namespace DetectionKit.Cli.Options;

/// <summary><c>--no-cache</c>, on every command that compiles rules, and the cache it leaves on.</summary>
internal static class CacheOption
{
    public static Option<bool> Create() => new("--no-cache")
    {
        Description = $"Compile the rules without reading or writing the compiled-rule cache ({CacheFolder.Variable}=off does the same).",
    };

    /// <summary>The cache the command uses; with DETECTIONKIT_DEBUG set, what it did (a hit, a miss, an entry rebuilt and why) goes to stderr.</summary>
    public static RuleCache Open(CliContext context, bool noCache) =>
        RuleCache.Open(noCache, Environment.GetEnvironmentVariable("DETECTIONKIT_DEBUG") is { Length: > 0 } ? e => context.Error.WriteLine(e) : null);
}
