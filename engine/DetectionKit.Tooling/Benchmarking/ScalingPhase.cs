namespace DetectionKit.Tooling.Benchmarking;

/// <summary>The full pipeline over a many-object corpus on one core and on all cores; the ratio all ÷ one.</summary>
internal static class ScalingPhase
{
    public static async Task<IEnumerable<BenchRow>> RunAsync(BenchRun run, BenchCorpus corpus)
    {
        var cores = run.Cores;
        run.Progress($"scaling: the full pipeline on 1 core and on {cores}");
        await run.PipelineAsync(corpus.Files.Take(BenchRun.WarmUpFiles).ToList(), cores);
        Measured<PipelineOutcome> one = default, all = default;
        for (var round = 0; round < BenchRun.Rounds; round++)
        {
            one = Measure.Faster(one, await Measure.RunAsync(() => run.PipelineAsync(corpus.Files, 1)));
            all = Measure.Faster(all, await Measure.RunAsync(() => run.PipelineAsync(corpus.Files, cores)));
        }

        run.Check(all.Value, corpus);
        var ratio = BenchRun.Rate(all.Value.Events, all.Elapsed) / BenchRun.Rate(one.Value.Events, one.Elapsed);
        var objects = $"{corpus.Files.Count:N0} objects";
        return
        [
            new BenchRow(BenchPhase.Scaling, $"full pipeline, {objects}, 1 core") { Events = one.Value.Events, JsonBytes = corpus.JsonBytes, Elapsed = one.Elapsed, AllocatedBytes = one.AllocatedBytes },
            new BenchRow(BenchPhase.Scaling, $"full pipeline, {objects}, all cores ({cores})")
            {
                Events = all.Value.Events, JsonBytes = corpus.JsonBytes, Elapsed = all.Elapsed, AllocatedBytes = all.AllocatedBytes, Ratio = ratio,
                Target = cores < 2 ? null : BenchTarget.AtLeast(1.8, ratio),
                Note = "all / one",
            },
        ];
    }
}
