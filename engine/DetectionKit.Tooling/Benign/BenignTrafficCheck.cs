using System.Diagnostics;
using System.Text.Json;
using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Compilation.Caching;
using DetectionKit.Engine.Correlation;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;
using DetectionKit.Tooling.Generation;

namespace DetectionKit.Tooling.Benign;

/// <summary>
/// The false-positive check: a day of generated benign traffic (100,000 records, seed 42 by default)
/// goes through the rules, streaming, and its detections become alerts through the engine's alert
/// state (dedup windows, thresholds). <c>detectionkit test --benign</c> and the shipped pack's own
/// test both run this, so they fail on the same alert. Deterministic: the same rules always give
/// the same result.
/// </summary>
public static class BenignTrafficCheck
{
    /// <summary>Records replayed by default: a day of the generated organisation.</summary>
    public const int DefaultEvents = 100_000;

    /// <summary>The seed of the generated day that the check holds rules to.</summary>
    public const long DefaultSeed = 42;

    // Correlation groups are decided over what they keep at each commit: committing step matches in
    // batches, as run commits an object's, keeps that from being done once per record.
    private const int StepsPerCommit = 5_000;

    // What this replay looks for is alerts and rules that throw, not time: on a machine busy with other
    // work a regular expression or a call can be paused past the default budget's clock, so the clock here
    // is generous. Steps, depth and allocation keep their defaults, so a runaway rule still fails.
    private static readonly EvaluationBudget Patient = EvaluationBudget.Default with { MaxWallClock = TimeSpan.FromSeconds(60), RegexTimeout = TimeSpan.FromSeconds(10) };

    /// <param name="rules">The rules to check, with their defaults (disabled rules are left out, as <c>run</c> leaves them).
    /// They are compiled here, under the replay's budget: a script's fields (a static <c>Regex</c>, say) take their
    /// limits from the budget they were initialised under, when the rules are bound. Rules that do not compile are left out.</param>
    /// <param name="cache">Where compiled rules are kept between runs; none when null.</param>
    /// <param name="events">How many records to generate.</param>
    /// <param name="seed">The generator's seed.</param>
    public static BenignTrafficResult Run(IReadOnlyList<RuleDefinition> rules, RuleCache? cache = null, int events = DefaultEvents, long seed = DefaultSeed)
    {
        var compiled = (cache ?? RuleCache.Disabled).Compile(rules, Patient);
        var ruleSet = new RuleSet(compiled.Rules.Select(r => r.AsShipped()), Patient);
        using var tally = new AlertTally();
        var errors = new List<RuleError>();
        var correlation = new StepEvaluator(ruleSet);
        var stepMatches = new List<StepMatch>();
        var read = 0;
        var clock = Stopwatch.StartNew();
        foreach (var record in new BenignTrafficGenerator(new BenignTrafficOptions { Seed = seed }).Generate(events))
        {
            read++;
            var e = new CloudTrailEvent(JsonSerializer.SerializeToElement(record));
            foreach (var rule in ruleSet.CandidatesFor(e))
            {
                var outcome = RuleEvaluator.Evaluate(rule, e, Patient);
                errors.AddRange(outcome.Errors);
                if (outcome.Detection is { } detection)
                {
                    if (!ruleSet.IsSilent(rule.Id))
                    {
                        tally.Add(rule, detection, e, record);
                    }

                    var before = stepMatches.Count;
                    correlation.FromRule(rule.Id, e, Patient, stepMatches, errors);
                    tally.KeepSample(stepMatches.Skip(before), record);
                }
            }

            if (!correlation.IsEmpty)
            {
                var before = stepMatches.Count;
                correlation.FromFunctions(e, Patient, stepMatches, errors);
                tally.KeepSample(stepMatches.Skip(before), record);
                if (stepMatches.Count >= StepsPerCommit)
                {
                    tally.AddSteps(stepMatches, ruleSet.Correlations);
                    stepMatches.Clear();
                }
            }
        }

        tally.AddSteps(stepMatches, ruleSet.Correlations);
        return new BenignTrafficResult(ruleSet.Rules.Count, read, seed, tally.Alerts, new Dictionary<AlertSeverity, int>(tally.DetectionsBySeverity), errors, clock.Elapsed);
    }
}
