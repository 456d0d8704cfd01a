using DetectionKit.Engine.Sources;

namespace DetectionKit.Engine.Tests.Fuzzing;

/// <summary>
/// Seeded mutations of the bundled captures, in every shape and compression the readers accept,
/// read the way a run reads a file (<see cref="EventBatch"/>) and the way a rule's case file is read
/// (<see cref="CloudTrailJsonReader"/>): no exception, no hang, bounded memory, every failure a
/// diagnostic naming the input.
/// </summary>
public sealed class FuzzingRecordReaders
{
    [Test]
    public void MutatedInputsAreReadOrReportedNeverThrown() =>
        FuzzRun.Cases("readers", 2400, (index, random) =>
        {
            var mutator = new Mutator(random, yaml: false);
            var (shape, seed) = RecordSeeds.Pick(random);
            var bytes = mutator.Mutate(seed, RecordSeeds.Pick(random).Bytes);
            if (random.Next(3) == 0)
            {
                bytes = mutator.Gzip(bytes);
            }

            var origin = $"fuzz/{index}.json";
            var description = $"{shape}, {mutator.Applied}, {bytes.Length:N0} bytes";
            var before = GC.GetAllocatedBytesForCurrentThread();
            string? problem;
            if (index % 2 == 0)
            {
                using var batch = EventBatch.Open(origin, () => new MemoryStream(bytes, writable: false), RecordReaderCheck.Limits);
                var kinds = batch.ReadEvents().Select(e => e.Json.ValueKind).ToList();
                problem = RecordReaderCheck.Problem(origin, kinds, batch.Problems, batch.ReadToEnd, batch.Failure, batch.BytesRead);
            }
            else
            {
                var read = CloudTrailJsonReader.ReadAll(origin, bytes, RecordReaderCheck.Limits);
                problem = RecordReaderCheck.Problem(origin, read.Records.Select(r => r.ValueKind), read.Problems, readToEnd: true, failure: null, bytesRead: 0);
            }

            return new FuzzCase(description, problem ?? FuzzRun.Allocation(GC.GetAllocatedBytesForCurrentThread() - before));
        });
}
