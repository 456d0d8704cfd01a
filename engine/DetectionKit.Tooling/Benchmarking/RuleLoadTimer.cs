using System.Diagnostics;
using DetectionKit.Engine.Compilation.Caching;
using DetectionKit.Engine.Running;

namespace DetectionKit.Tooling.Benchmarking;

/// <summary>
/// Times loading and compiling a rules directory as <c>run</c> does (<see cref="RuleSelector"/>),
/// cold and warm, with <c>DETECTIONKIT_CACHE</c> pointed at a fresh folder for the two loads.
/// </summary>
internal static class RuleLoadTimer
{
    public const string CacheVariable = "DETECTIONKIT_CACHE";

    public static RuleLoadTimes Time(string rulesDirectory, string cacheDirectory)
    {
        Directory.CreateDirectory(cacheDirectory);
        var previous = Environment.GetEnvironmentVariable(CacheVariable);
        Environment.SetEnvironmentVariable(CacheVariable, cacheDirectory);
        try
        {
            var (cold, rules, failed) = Load(rulesDirectory);
            var cacheWritten = Directory.EnumerateFileSystemEntries(cacheDirectory).Any();
            var (warm, _, _) = Load(rulesDirectory);
            return new RuleLoadTimes(rules, failed, cold, warm, cacheWritten);
        }
        finally
        {
            Environment.SetEnvironmentVariable(CacheVariable, previous);
        }
    }

    private static (TimeSpan Elapsed, int Rules, int Failed) Load(string rulesDirectory)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var clock = Stopwatch.StartNew();
        // The cache run uses, in the folder the variable names.
        var selector = RuleSelector.Load(rulesDirectory, cache: RuleCache.Open());
        var selection = selector.Select([], []);
        clock.Stop();
        return (clock.Elapsed, selection?.Rules.Rules.Count ?? 0, selection?.FailedToLoad ?? 1);
    }
}
