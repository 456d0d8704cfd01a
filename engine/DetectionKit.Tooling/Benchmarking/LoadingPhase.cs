namespace DetectionKit.Tooling.Benchmarking;

/// <summary>Loading and compiling the shipped pack and generated rule sets, cold and warm (see <see cref="RuleLoadTimer"/>).</summary>
internal static class LoadingPhase
{
    public static IEnumerable<BenchRow> Run(BenchRun run)
    {
        // The first compilation in a process loads the compiler: that is start-up, not the rules' cost.
        run.Progress("loading: warming up the compiler");
        var warmUpRules = Path.Combine(run.Work, "rules-warm-up");
        GeneratedRules.Write(warmUpRules, 2);
        RuleLoadTimer.Time(warmUpRules, Path.Combine(run.Work, "cache-warm-up"));

        var rows = new List<BenchRow>();
        run.Progress("loading: the shipped rules, cold and warm");
        var shipped = RuleLoadTimer.Time(run.Options.RulesDirectory, Path.Combine(run.Work, "cache-shipped"));
        rows.AddRange(Rows($"shipped pack ({shipped.Rules} rules)", shipped, coldGoalSeconds: null, warmGoalSeconds: 1));
        foreach (var count in run.Options.GeneratedRuleCounts)
        {
            run.Progress($"loading: {count} generated rules, cold and warm");
            var directory = Path.Combine(run.Work, $"rules-{count}");
            GeneratedRules.Write(directory, count);
            var times = RuleLoadTimer.Time(directory, Path.Combine(run.Work, $"cache-{count}"));
            rows.AddRange(Rows($"{count} generated rules", times, coldGoalSeconds: count == 200 ? 3 : null, warmGoalSeconds: null));
        }

        return rows;
    }

    private static IEnumerable<BenchRow> Rows(string what, RuleLoadTimes times, double? coldGoalSeconds, double? warmGoalSeconds)
    {
        var failed = times.Failed > 0 ? $"; {times.Failed} of {times.Rules + times.Failed} failed to load" : string.Empty;
        yield return new BenchRow(BenchPhase.Loading, $"load + compile, {what}, cold")
        {
            Elapsed = times.Cold,
            Target = coldGoalSeconds is { } cold ? BenchTarget.AtMostSeconds(cold, times.Cold) : null,
            Note = "in process, compiler warmed up" + failed,
        };
        yield return times.CacheWritten
            ? new BenchRow(BenchPhase.Loading, $"load + compile, {what}, warm")
            {
                Elapsed = times.Warm,
                Target = warmGoalSeconds is { } warm ? BenchTarget.AtMostSeconds(warm, times.Warm) : null,
                Note = "in process, from the compiled-rule cache" + failed,
            }
            : new BenchRow(BenchPhase.Loading, $"load + compile, {what}, warm")
            {
                Target = warmGoalSeconds is { } goal ? BenchTarget.NotJudged($"<= {goal:0.#} s") : null,
                Note = $"n/a (no cache): the cold load left nothing in {RuleLoadTimer.CacheVariable}; a second load took {times.Warm.TotalSeconds:0.00} s" + failed,
            };
    }
}
