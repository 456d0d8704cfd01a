using DetectionKit.Tests.Shared;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Sources.S3;
using DetectionKit.Engine.Tests.Support;

namespace DetectionKit.Engine.Tests.Sources.S3;

/// <summary>Reads a whole S3 source and keeps what each batch said (the batches themselves are disposed).</summary>
internal static class S3Read
{
    /// <summary>Reads the bucket (at <paramref name="prefix"/>) with its recorded reader.</summary>
    public static Task<IReadOnlyList<ReadBatch>> AllAsync(MotoBucket bucket, DateTimeOffset since, DateTimeOffset until, string prefix = "", CancellationToken stop = default) =>
        AllAsync(new S3EventSource(bucket.Reader.Client, new S3SourceOptions { Location = bucket.Location(prefix), Since = since, Until = until }), stop);

    public static async Task<IReadOnlyList<ReadBatch>> AllAsync(S3EventSource source, CancellationToken stop = default)
    {
        var read = new List<ReadBatch>();
        await foreach (var batch in source.ReadAsync(stop))
        {
            using (batch)
            {
                read.Add(new ReadBatch(batch.Origin, batch.SourceKey, batch.Loaded().Events.Select(e => e.EventId ?? string.Empty).ToList(), batch.Problems));
            }
        }

        return read;
    }
}

internal sealed record ReadBatch(string Origin, string? SourceKey, IReadOnlyList<string> Events, IReadOnlyList<Diagnostic> Problems);
