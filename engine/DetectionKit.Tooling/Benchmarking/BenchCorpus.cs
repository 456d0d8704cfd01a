namespace DetectionKit.Tooling.Benchmarking;

/// <summary>The files a measurement reads, and what they hold when that is known before reading them.</summary>
/// <param name="Files">The files, in the order they are read.</param>
/// <param name="Events">Records in the files; null until counted (files given with <c>--source</c>).</param>
/// <param name="JsonBytes">Decompressed JSON bytes; null until counted.</param>
/// <param name="Description">The corpus in words, for the table.</param>
public sealed record BenchCorpus(IReadOnlyList<string> Files, long? Events, long? JsonBytes, string Description)
{
    public long CompressedBytes => Files.Sum(f => new FileInfo(f).Length);
}
