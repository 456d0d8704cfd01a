using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Sources.Reading;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Sources;

/// <summary>
/// One input object (a file, an S3 object, stdin), read when its events are asked for: one record at a
/// time, so an object of any size is held one record at a time. Its problems are known once it has been read.
/// </summary>
public sealed class EventBatch : IDisposable
{
    private readonly Func<Stream>? open;
    private readonly ReadLimits limits;
    private readonly List<Diagnostic> problems = [];
    private readonly Action? release;
    private CloudTrailRecordReader? reader;
    private bool read;

    private EventBatch(string origin, Func<Stream>? open, ReadLimits? limits, Action? release)
    {
        Origin = origin;
        this.open = open;
        this.limits = limits ?? ReadLimits.Default;
        this.release = release;
    }

    /// <summary>Where the events come from, as the user named it.</summary>
    public string Origin { get; }

    /// <summary>The object key a checkpoint records for this batch (S3 sources); null for files.</summary>
    public string? SourceKey { get; private init; }

    /// <summary>The object's version as fetched (an S3 ETag), so a quarantine notices when it is replaced; null for files.</summary>
    public string? SourceVersion { get; internal set; }

    /// <summary>The object's stored (compressed) size as fetched; null for files.</summary>
    public long? SourceSize { get; internal set; }

    /// <summary>Problems found so far: complete once <see cref="ReadEvents"/> has been enumerated to its end.</summary>
    public IReadOnlyList<Diagnostic> Problems => reader is null ? problems : [.. problems, .. reader.Problems];

    /// <summary>Records read so far.</summary>
    public long EventsRead => reader?.RecordsRead ?? 0;

    /// <summary>Decompressed bytes read so far.</summary>
    public long BytesRead => reader?.BytesRead ?? 0;

    /// <summary>The whole input was read (bad records or lines inside it are among the problems but did not stop it).</summary>
    public bool ReadToEnd => reader?.ReadToEnd ?? (read && open is null && !problems.Any(p => p.IsError));

    /// <summary>Why the input was not read to its end; null when it was, or has not been read yet.</summary>
    public ReadFailure? Failure { get; private set; }

    /// <summary>The input was read to its end and held no record and nothing else (an empty file or object, or an empty <c>Records</c> list): reported as <c>DK4009</c>.</summary>
    public bool IsEmpty { get; private set; }

    /// <summary>Where the event last handed out by <see cref="ReadEvents"/> starts in the input.</summary>
    public SourceLocation LastEventLocation => reader?.LastRecordLocation ?? new SourceLocation(Origin);

    /// <summary>An input opened when its events are read; <paramref name="release"/> runs when the batch is disposed (a temporary file, say).</summary>
    /// <param name="origin">Where the events come from, as the user named it.</param>
    /// <param name="open">Opens the raw bytes (gzipped or not) when the batch is read.</param>
    /// <param name="limits">How much may be read and held.</param>
    /// <param name="release">Runs when the batch is disposed.</param>
    /// <param name="sourceKey">The object key a checkpoint records (S3 sources).</param>
    public static EventBatch Open(string origin, Func<Stream> open, ReadLimits? limits = null, Action? release = null, string? sourceKey = null) =>
        new(origin, open, limits, release) { SourceKey = sourceKey };

    /// <summary>An input that could not be reached at all.</summary>
    /// <param name="origin">Where the events come from, as the user named it.</param>
    /// <param name="problem">What went wrong.</param>
    /// <param name="reason">Why it was not read (a fault of the object, or one that may pass).</param>
    /// <param name="sourceKey">The object key (S3 sources), so that what was not read can be told apart.</param>
    public static EventBatch Failed(string origin, Diagnostic problem, ReadFailure.Kind reason = ReadFailure.Kind.Unavailable, string? sourceKey = null)
    {
        var batch = new EventBatch(origin, null, null, null) { Failure = new ReadFailure(reason, problem.Message), SourceKey = sourceKey };
        batch.problems.Add(problem);
        return batch;
    }

    /// <summary>No input, only something to say about it (a folder with nothing in range, say).</summary>
    public static EventBatch Notice(string origin, Diagnostic notice)
    {
        var batch = new EventBatch(origin, null, null, null);
        batch.problems.Add(notice);
        return batch;
    }

    /// <summary>
    /// The events, one at a time; each is valid only until the next is asked for. A batch is read once.
    /// Once <paramref name="stop"/> is signalled, the next read of the object's bytes throws
    /// <see cref="OperationCanceledException"/>: the batch is then not read to its end.
    /// </summary>
    /// <param name="deadLetters">Receives what could not be read: every bad value, and the input when it could not be read at all or to its end.</param>
    /// <param name="stop">Ends a read waiting on the object's bytes (see above).</param>
    public IEnumerable<CloudTrailEvent> ReadEvents(IDeadLetterSink? deadLetters = null, CancellationToken stop = default)
    {
        if (read)
        {
            throw new InvalidOperationException($"{Origin} has already been read; a batch is read once.");
        }

        read = true;
        if (open is null)
        {
            if (Failure is not null && deadLetters is not null)
            {
                foreach (var problem in problems.Where(p => p.IsError))
                {
                    deadLetters.Add(new DeadLetter(problem.Location, problem.Code, problem.Message));
                }
            }

            yield break;
        }

        Stream stream;
        try
        {
            stream = open();
            stream = stop.CanBeCanceled ? new StoppableStream(stream, stop) : stream;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(Diagnostic.Error(DiagnosticCodes.InputUnreadable, new SourceLocation(Origin), ex.Message));
            deadLetters?.Add(new DeadLetter(new SourceLocation(Origin), DiagnosticCodes.InputUnreadable, ex.Message));
            Failure = new ReadFailure(ReadFailure.Kind.Unavailable, ex.Message);
            yield break;
        }

        reader = new CloudTrailRecordReader(Origin, stream, limits, deadLetters);
        foreach (var document in reader.Records())
        {
            yield return new CloudTrailEvent(document.RootElement);
        }

        Failure = reader.Failure;
        if (reader.ReadToEnd && reader.RecordsRead == 0 && reader.Problems.Count == 0)
        {
            IsEmpty = true;
            problems.Add(Diagnostic.Warning(DiagnosticCodes.EmptyInput, new SourceLocation(Origin), "the input holds no records (an empty file or object, or an empty Records list)"));
        }
    }

    public void Dispose()
    {
        reader?.Dispose();
        release?.Invoke();
    }
}
