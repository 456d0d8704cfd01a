using System.Runtime.CompilerServices;
using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Sources;

/// <summary>
/// Replays CloudTrail records from files, directories (recursively, in name order) and <c>-</c> for
/// stdin. Files named on the command line are read whatever their name; inside directories only
/// <c>.json</c>, <c>.jsonl</c>, <c>.ndjson</c> and their <c>.gz</c> forms are, the others counted as skipped.
/// </summary>
public sealed class FileEventSource : IEventSource
{
    private static readonly string[] RecordExtensions = [".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz", ".ndjson.gz", ".gz"];

    private readonly IReadOnlyList<string> paths;
    private readonly Func<Stream> openStandardInput;

    public FileEventSource(IReadOnlyList<string> paths, Func<Stream>? openStandardInput = null)
    {
        this.paths = paths;
        this.openStandardInput = openStandardInput ?? Console.OpenStandardInput;
    }

    /// <summary>Files passed over in directories because their names are not record files.</summary>
    public int SkippedFiles { get; private set; }

    public async IAsyncEnumerable<EventBatch> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var path in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (path == "-")
            {
                await using var stdin = openStandardInput();
                yield return CloudTrailJsonReader.Read("<stdin>", stdin);
            }
            else if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!IsRecordFile(file))
                    {
                        SkippedFiles++;
                        continue;
                    }

                    yield return await ReadFileAsync(file, cancellationToken);
                }
            }
            else if (File.Exists(path))
            {
                yield return await ReadFileAsync(path, cancellationToken);
            }
            else
            {
                yield return EventBatch.Failed(path, Diagnostic.Error(DiagnosticCodes.InputUnreadable, new SourceLocation(path), "no such file or directory"));
            }
        }
    }

    private static bool IsRecordFile(string path) =>
        RecordExtensions.Any(extension => path.EndsWith(extension, StringComparison.OrdinalIgnoreCase));

    private static async Task<EventBatch> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        byte[] data;
        try
        {
            data = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return EventBatch.Failed(path, Diagnostic.Error(DiagnosticCodes.InputUnreadable, new SourceLocation(path), ex.Message));
        }

        return CloudTrailJsonReader.Read(path, data);
    }
}
