using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Compilation.Caching;
using DetectionKit.Engine.Rules;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Compilation.Caching;

/// <summary>A rules directory and a cache folder of its own, with what the cache reported for each compilation.</summary>
internal sealed class CacheWorkspace : IDisposable
{
    public CacheWorkspace() => Folder = Directory.CreateTempSubdirectory("detectionkit-cache-tests-").FullName;

    public TempRulesDirectory Rules { get; } = new();

    public string Folder { get; }

    public List<CacheEvent> Events { get; } = [];

    public IEnumerable<CacheOutcome> Outcomes => Events.Select(e => e.Outcome);

    /// <summary>The one entry file in the folder.</summary>
    public string Entry => Directory.GetFiles(Folder, "*.rules").Single();

    /// <summary>Loads the rules (which must load) and compiles them through a cache on the folder.</summary>
    public RuleCompilationResult Compile(Func<string, IReadOnlyList<RuleSuppression>>? suppressions = null, EvaluationBudget? budget = null, byte[]? engine = null)
    {
        var loaded = Rules.Load();
        Assert.That(loaded.Diagnostics.Where(d => d.IsError), Is.Empty, "the rules of this test should load");
        return new RuleCache(Folder, Events.Add, engine ?? CacheKey.CurrentEngine).Compile(loaded.Rules, budget, suppressions);
    }

    public void Dispose()
    {
        Rules.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
