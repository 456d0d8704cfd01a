using System.Diagnostics;
using System.Text.Json;
using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Rules;
using DetectionKit.Rules.Tests.Support;
using DetectionKit.Scripting;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Generation;

namespace DetectionKit.Rules.Tests;

/// <summary>
/// The false-positive check: a day of generated benign traffic (100,000 records, fixed seed) goes
/// through the shipped pack, streaming, and no high or critical alert may come out of it. Whatever
/// does come out is printed with the rule, its title and a sample record, so a failure says what
/// to tune.
/// </summary>
// Alone in the process: rules' regular expressions run under a wall-clock timeout, and another
// fixture compiling rules beside 100,000 records would pause this one in its collections long enough
// to trip it on a busy machine.
[TestFixture]
[NonParallelizable]
public sealed class BenignTraffic
{
    private const int Events = 100_000;
    private const long Seed = 42;

    private static readonly Lazy<Replay> Result = new(ReplayBenignTraffic);

    // What this replay looks for is rules that throw, not time: on a machine busy with other builds a
    // regex or a call can be paused past the default budget's clock, so the clock here is generous.
    // Steps, depth and allocation keep their defaults, so a runaway rule still fails the test.
    private static readonly EvaluationBudget Patient = EvaluationBudget.Default with { MaxWallClock = TimeSpan.FromSeconds(60), RegexTimeout = TimeSpan.FromSeconds(10) };

    [Test]
    public void TheShippedPackRaisesNoHighOrCriticalAlertOnBenignTraffic()
    {
        var replay = Result.Value;
        Report(replay);
        var serious = replay.Tally.Alerts.Where(a => a.Severity >= AlertSeverity.High).Select(a => $"{a.RuleId} ({a.Severity.ToName()}): {a.Title}").ToList();

        Assert.That(replay.Events, Is.EqualTo(Events));
        Assert.That(serious.Take(10), Is.Empty, () => $"{serious.Count} high or critical alerts on benign traffic (seed {Seed}); the test output has a sample record of each rule's");
    }

    [Test]
    public void NoShippedRuleThrowsOnBenignTraffic()
    {
        var errors = Result.Value.Errors.Select(e => e.ToDiagnostic().ToString()).Distinct().Take(20).ToList();

        Assert.That(errors, Is.Empty, () => string.Join("\n", errors));
    }

    private static Replay ReplayBenignTraffic()
    {
        var loaded = RuleSetBuilder.Build(RepositoryPaths.Rules);
        Assert.That(loaded.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()), Is.Empty, "the shipped rules should load");
        var tally = new AlertTally();
        var errors = new List<RuleError>();
        var events = 0;
        var clock = Stopwatch.StartNew();
        foreach (var record in new BenignTrafficGenerator(new BenignTrafficOptions { Seed = Seed }).Generate(Events))
        {
            events++;
            var e = new CloudTrailEvent(JsonSerializer.SerializeToElement(record));
            foreach (var rule in loaded.RuleSet.CandidatesFor(e))
            {
                var outcome = RuleEvaluator.Evaluate(rule, e, Patient);
                errors.AddRange(outcome.Errors);
                if (outcome.Detection is { } detection)
                {
                    tally.Add(rule, detection, e, record);
                }
            }
        }

        return new Replay(loaded.RuleSet.Rules.Count, events, tally, errors, clock.Elapsed);
    }

    private static void Report(Replay replay)
    {
        var output = TestContext.Out;
        output.WriteLine($"benign traffic: {replay.Events} records (seed {Seed}) through {replay.Rules} rules in {replay.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine($"detections: {replay.Tally.Detections}; alerts after dedup and thresholds: {replay.Tally.Alerts.Count}");
        foreach (var severity in Enum.GetValues<AlertSeverity>().Reverse())
        {
            output.WriteLine($"  {severity.ToName(),-8} detections {replay.Tally.DetectionsBySeverity.GetValueOrDefault(severity),6}, alerts {replay.Tally.Alerts.Count(a => a.Severity == severity),6}");
        }

        foreach (var group in replay.Tally.Alerts.GroupBy(a => (a.RuleId, a.Severity)).OrderByDescending(g => g.Key.Severity).ThenBy(g => g.Key.RuleId, StringComparer.Ordinal))
        {
            var first = group.First();
            output.WriteLine($"{group.Key.Severity.ToName()} {group.Key.RuleId}: {group.Count()} alerts, e.g. \"{first.Title}\"");
            if (group.Key.Severity >= AlertSeverity.High)
            {
                output.WriteLine("  sample: " + first.Sample.ToJsonString());
            }
        }
    }

    private sealed record Replay(int Rules, int Events, AlertTally Tally, List<RuleError> Errors, TimeSpan Elapsed);
}
