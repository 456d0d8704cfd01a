namespace DetectionKit.Tooling.Benchmarking;

/// <summary>The outcome of one benchmark run: one table of rows, and what they were measured over.</summary>
/// <param name="Machine">What it ran on.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="Corpus">The corpus the throughput and scaling rows read, in words.</param>
/// <param name="Rows">The measurements, in table order.</param>
/// <param name="Notes">What a reader must know to judge the table (settings not yet available, phases left out).</param>
public sealed record BenchReport(BenchMachine Machine, DateTimeOffset StartedAt, string Corpus, IReadOnlyList<BenchRow> Rows, IReadOnlyList<string> Notes);
