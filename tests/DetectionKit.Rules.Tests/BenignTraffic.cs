using DetectionKit.Engine.Loading;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Benign;

namespace DetectionKit.Rules.Tests;

/// <summary>
/// The false-positive check: a day of generated benign traffic (100,000 records, fixed seed) goes
/// through the shipped pack, streaming, and no high or critical alert may come out of it. It is
/// <see cref="BenignTrafficCheck"/>, the code <c>detectionkit test --benign</c> runs, so the command
/// an author runs fails on the same alert. Whatever does come out is printed with the rule, its
/// title and a sample record, so a failure says what to tune.
/// </summary>
// Alone in the process: rules' regular expressions run under a wall-clock timeout, and another
// fixture compiling rules beside 100,000 records would pause this one in its collections long enough
// to trip it on a busy machine.
[TestFixture]
[NonParallelizable]
public sealed class BenignTraffic
{
    private static readonly Lazy<BenignTrafficResult> Result = new(ReplayBenignTraffic);

    [Test]
    public void TheShippedPackRaisesNoHighOrCriticalAlertOnBenignTraffic()
    {
        var result = Result.Value;
        Report(result);
        var serious = result.Serious.Select(a => $"{a.RuleId} ({a.Severity.ToName()}): {a.Title}").ToList();

        Assert.That(result.Events, Is.EqualTo(BenignTrafficCheck.DefaultEvents));
        Assert.That(serious.Take(10), Is.Empty, () => $"{serious.Count} high or critical alerts on benign traffic (seed {result.Seed}); the test output has a sample record of each rule's, and 'detectionkit test --benign' says the same");
    }

    [Test]
    public void NoShippedRuleThrowsOnBenignTraffic()
    {
        var errors = Result.Value.Errors.Select(e => e.ToDiagnostic().ToString()).Distinct().Take(20).ToList();

        Assert.That(errors, Is.Empty, () => string.Join("\n", errors));
    }

    private static BenignTrafficResult ReplayBenignTraffic()
    {
        var loaded = RuleLoader.Load(RepositoryPaths.Rules);
        Assert.That(loaded.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()), Is.Empty, "the shipped rules should load");
        var result = BenignTrafficCheck.Run(loaded.Rules);
        Assert.That(result.Rules, Is.EqualTo(loaded.Rules.Count(r => r.Enabled)), "every enabled shipped rule should compile");
        return result;
    }

    private static void Report(BenignTrafficResult result)
    {
        var output = TestContext.Out;
        output.WriteLine($"benign traffic: {result.Events} records (seed {result.Seed}) through {result.Rules} rules in {result.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine($"detections: {result.Detections}; alerts after dedup and thresholds: {result.Alerts.Count}");
        foreach (var severity in Enum.GetValues<AlertSeverity>().Reverse())
        {
            output.WriteLine($"  {severity.ToName(),-8} detections {result.DetectionsBySeverity.GetValueOrDefault(severity),6}, alerts {result.Alerts.Count(a => a.Severity == severity),6}");
        }

        foreach (var group in result.Alerts.GroupBy(a => (a.RuleId, a.Severity)).OrderByDescending(g => g.Key.Severity).ThenBy(g => g.Key.RuleId, StringComparer.Ordinal))
        {
            var first = group.First();
            output.WriteLine($"{group.Key.Severity.ToName()} {group.Key.RuleId}: {group.Count()} alerts, e.g. \"{first.Title}\"");
            if (group.Key.Severity >= BenignTrafficResult.FailsFrom)
            {
                output.WriteLine("  sample: " + first.Sample.ToJsonString());
            }
        }
    }
}
