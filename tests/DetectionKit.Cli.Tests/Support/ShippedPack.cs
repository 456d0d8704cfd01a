using DetectionKit.Engine.Compilation.Caching;
using DetectionKit.Engine.Running;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Cli.Tests.Support;

/// <summary>
/// The shipped rules, loaded and compiled once for every command this assembly runs in-process: no
/// test changes them, and recompiling them for each of the dozens of runs over them was most of the
/// assembly's time. Any other rules directory, or the shipped one under a settings file, is loaded as
/// the command would load it.
/// </summary>
internal static class ShippedPack
{
    private static readonly Lazy<RuleSelector> AsShipped = new(() => RuleSelector.Load(RepositoryPaths.Rules));

    public static RuleSelector LoadRules(string rulesRoot, string? settingsPath, RuleCache? cache) =>
        settingsPath is null && IsShipped(rulesRoot) ? AsShipped.Value : RuleSelector.Load(rulesRoot, settingsPath, cache);

    private static bool IsShipped(string rulesRoot) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(rulesRoot)), RepositoryPaths.Rules, StringComparison.Ordinal);
}
