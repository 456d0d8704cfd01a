using System.Text.Json;

namespace DetectionKit.Engine.Sources;

/// <summary>
/// Reads every record of a small input at once (a rule's case file, a capture): the records are
/// copied so they outlive the read. Large inputs are read through <see cref="EventBatch"/> instead,
/// one record at a time.
/// </summary>
public static class CloudTrailJsonReader
{
    /// <param name="origin">The input's name in problems.</param>
    /// <param name="stream">The raw bytes, gzipped or not; disposed here.</param>
    /// <param name="limits">How much may be read; the input is reported past it.</param>
    public static RecordsRead ReadAll(string origin, Stream stream, ReadLimits? limits = null)
    {
        using var reader = new CloudTrailRecordReader(origin, stream, limits);
        var records = new List<JsonElement>();
        foreach (var document in reader.Records())
        {
            records.Add(document.RootElement.Clone());
        }

        return new RecordsRead(records, reader.Problems);
    }

    public static RecordsRead ReadAll(string origin, ReadOnlyMemory<byte> data, ReadLimits? limits = null) =>
        ReadAll(origin, new MemoryStream(data.ToArray(), writable: false), limits);
}
