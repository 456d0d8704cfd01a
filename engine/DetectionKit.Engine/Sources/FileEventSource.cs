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
    private readonly ReadLimits limits;

    public FileEventSource(IReadOnlyList<string> paths, Func<Stream>? openStandardInput = null, ReadLimits? limits = null)
    {
        this.paths = paths;
        this.limits = limits ?? ReadLimits.Default;
        this.openStandardInput = openStandardInput ?? Console.OpenStandardInput;
    }

    /// <summary>Files passed over in directories because their names are not record files.</summary>
    public int SkippedFiles { get; private set; }

    public async IAsyncEnumerable<EventBatch> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Files are opened when their batch is read; only S3 sources have something to wait for here.
        await Task.CompletedTask;
        foreach (var input in Inputs(cancellationToken))
        {
            if (input == "-")
            {
                yield return EventBatch.Open("<stdin>", openStandardInput, limits);
            }
            else if (File.Exists(input))
            {
                yield return OpenFile(input);
            }
            else
            {
                yield return EventBatch.Failed(input, Diagnostic.Error(DiagnosticCodes.InputUnreadable, new SourceLocation(input), "no such file or directory"));
            }
        }
    }

    /// <summary>
    /// What <see cref="ReadAsync"/> reads, in its order, without opening anything: <c>-</c> for stdin,
    /// each file named and each record file in the directories named (the others counted in
    /// <see cref="SkippedFiles"/>), and a path that is not there as it was given.
    /// </summary>
    public IEnumerable<string> Inputs(CancellationToken cancellationToken = default)
    {
        foreach (var path in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (path != "-" && Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!IsRecordFile(file))
                    {
                        SkippedFiles++;
                        continue;
                    }

                    yield return file;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    private static bool IsRecordFile(string path) =>
        RecordExtensions.Any(extension => path.EndsWith(extension, StringComparison.OrdinalIgnoreCase));

    private EventBatch OpenFile(string path) =>
        EventBatch.Open(path, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan), limits);
}
