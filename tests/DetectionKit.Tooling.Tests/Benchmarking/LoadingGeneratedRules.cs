using DetectionKit.Engine.Evaluation;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Benchmarking;

namespace DetectionKit.Tooling.Tests.Benchmarking;

public sealed class LoadingGeneratedRules
{
    [Test]
    public void GeneratedRulesAllLoadAndCompileWithoutAProblem()
    {
        using var directory = new TempRulesDirectory();

        GeneratedRules.Write(directory.Root, 12);
        var loaded = RuleSetBuilder.Build(directory.Root);

        Assert.That(loaded.Diagnostics, Is.Empty);
        Assert.That(loaded.RuleSet.Rules, Has.Count.EqualTo(12));
    }

    [Test]
    public void TheCacheFolderIsNamedOnlyForTheTwoLoads()
    {
        using var directory = new TempRulesDirectory();
        GeneratedRules.Write(Path.Combine(directory.Root, "rules"), 2);
        var before = Environment.GetEnvironmentVariable(RuleLoadTimer.CacheVariable);

        var times = RuleLoadTimer.Time(Path.Combine(directory.Root, "rules"), Path.Combine(directory.Root, "cache"));

        Assert.That(times.Rules, Is.EqualTo(2));
        Assert.That(times.Failed, Is.Zero);
        Assert.That(Directory.Exists(Path.Combine(directory.Root, "cache")), Is.True);
        Assert.That(Environment.GetEnvironmentVariable(RuleLoadTimer.CacheVariable), Is.EqualTo(before));
    }
}
