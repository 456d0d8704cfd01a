namespace DetectionKit.Tooling.Benchmarking;

/// <summary>One object of the <see cref="WorkerCorpus"/>.</summary>
/// <param name="Key">Its key, in CloudTrail's delivery layout.</param>
/// <param name="Gzipped">Its body, as uploaded.</param>
/// <param name="Events">Records in it.</param>
/// <param name="JsonBytes">Its decompressed size.</param>
public sealed record WorkerObject(string Key, byte[] Gzipped, int Events, long JsonBytes);
