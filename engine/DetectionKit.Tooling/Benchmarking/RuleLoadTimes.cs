namespace DetectionKit.Tooling.Benchmarking;

/// <summary>
/// Two loads of the same rules with the same compiled-rule cache folder: the first finds it empty
/// (cold), the second finds what the first left (warm).
/// </summary>
/// <param name="Rules">Rules compiled.</param>
/// <param name="Failed">Load and compile errors; a figure with errors is not what it claims.</param>
/// <param name="Cold">Load + compile with an empty cache.</param>
/// <param name="Warm">The same again with the cache as the cold load left it.</param>
/// <param name="CacheWritten">Whether the cold load left anything in the cache folder: without a cache there is no warm start to report.</param>
internal sealed record RuleLoadTimes(int Rules, int Failed, TimeSpan Cold, TimeSpan Warm, bool CacheWritten);
