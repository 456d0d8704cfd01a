namespace DetectionKit.Tooling.Benchmarking;

/// <summary>gunzip only, the parse floor and the full pipeline over the same files on one thread; the ratio full ÷ floor.</summary>
internal static class ThroughputPhase
{
    public static async Task<IEnumerable<BenchRow>> RunAsync(BenchRun run, BenchCorpus corpus)
    {
        run.Progress("throughput: gunzip, the parse floor and the full pipeline");
        // One whole pass of each first: the pipeline's code is then at its final tier (a few files left
        // part of it in the JIT's first tier, which read as a slower pipeline than the scaling phase's).
        Gunzip.Run(corpus.Files);
        ParseFloor.Run(corpus.Files);
        await run.PipelineAsync(corpus.Files, 1);

        Measured<long> gunzip = default, floor = default;
        Measured<PipelineOutcome> full = default;
        for (var round = 0; round < BenchRun.Rounds; round++)
        {
            gunzip = Measure.Faster(gunzip, await Measure.Run(() => Gunzip.Run(corpus.Files)));
            floor = Measure.Faster(floor, await Measure.Run(() => ParseFloor.Run(corpus.Files)));
            full = Measure.Faster(full, await Measure.RunAsync(() => run.PipelineAsync(corpus.Files, 1)));
        }

        run.Check(full.Value, corpus);
        if (floor.Value != full.Value.Events)
        {
            run.Notes.Add($"the floor parsed {floor.Value:N0} records where the pipeline read {full.Value.Events:N0} events: the ratio compares different work");
        }

        var ratio = BenchRun.Rate(full.Value.Events, full.Elapsed) / BenchRun.Rate(floor.Value, floor.Elapsed);
        return
        [
            new BenchRow(BenchPhase.Throughput, "gunzip only") { Events = corpus.Events, JsonBytes = gunzip.Value, Elapsed = gunzip.Elapsed, AllocatedBytes = gunzip.AllocatedBytes },
            new BenchRow(BenchPhase.Throughput, "gunzip + parse of every record (floor)") { Events = floor.Value, JsonBytes = corpus.JsonBytes, Elapsed = floor.Elapsed, AllocatedBytes = floor.AllocatedBytes },
            new BenchRow(BenchPhase.Throughput, $"full pipeline, {run.Rules.Rules.Count} rules, 1 core")
            {
                Events = full.Value.Events, JsonBytes = corpus.JsonBytes, Elapsed = full.Elapsed, AllocatedBytes = full.AllocatedBytes,
                Ratio = ratio, Target = BenchTarget.AtLeast(0.5, ratio), Note = $"full / floor; {full.Value.Matches:N0} matches, {full.Value.Alerts:N0} alerts",
            },
        ];
    }
}
