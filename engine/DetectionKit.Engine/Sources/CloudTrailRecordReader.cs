using System.Text.Json;
using System.Text.Unicode;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Sources.Reading;

namespace DetectionKit.Engine.Sources;

/// <summary>
/// Reads CloudTrail records from a stream one at a time, in any of the shapes they are found in: one
/// record, a JSON array of records, the S3 delivery wrapper <c>{"Records":[...]}</c>, or JSON Lines of
/// any of these; gzipped or not (recognised by content, not by name); and outside S3's wrapper, the
/// envelopes of the other delivery paths, opened to their records (see <see cref="RecordEnvelope"/>). Only the record being read is
/// held, so memory does not grow with the size of the input: a record larger than
/// <see cref="ReadLimits.MaxRecordBytes"/> is reported and skipped without being loaded, and an input
/// that expands past <see cref="ReadLimits.MaxObjectBytes"/> is read no further.
/// </summary>
/// <remarks>
/// A bad line of JSON Lines is reported and the next line read. A document spread over several lines
/// that turns out not to be JSON cannot be resumed safely: the records before the fault are kept, the
/// rest is reported as not read.
/// </remarks>
public sealed class CloudTrailRecordReader : IDisposable
{
    /// <summary>Problems kept per input; past this, they are counted.</summary>
    public const int MaxProblemsKept = 100;

    private static readonly JsonReaderOptions Options = new() { MaxDepth = 256 };

    private readonly string origin;
    private readonly ReadLimits limits;
    private readonly List<Diagnostic> problems = [];
    private readonly IDeadLetterSink? deadLetters;
    private ReadBuffer? buffer;
    private Level level;
    private JsonReaderState state;
    private (int Line, int Column) valueStart;
    private int elementIndex;
    private bool resyncing;
    private bool skipping;
    private int skipDepth = -1;
    private (int Line, int Column)? skipStart;
    private bool oneLineValues;
    private int problemsDropped;
    private (int Line, int Column) recordAt;

    /// <param name="origin">The input's name in problems: a path, an S3 URI, <c>&lt;stdin&gt;</c>.</param>
    /// <param name="stream">The raw bytes; disposed with the reader.</param>
    /// <param name="limits">How much may be read and held; <see cref="ReadLimits.Default"/> when null.</param>
    /// <param name="deadLetters">Receives every value and input that could not be read, problems past the kept ones included; none when null.</param>
    public CloudTrailRecordReader(string origin, Stream stream, ReadLimits? limits = null, IDeadLetterSink? deadLetters = null)
    {
        this.origin = origin;
        this.limits = limits ?? ReadLimits.Default;
        this.deadLetters = deadLetters;
        Stream = stream;
    }

    private enum Level
    {
        Top,
        Array,
        Records,
        AfterRecords,
    }

    private enum Step
    {
        Record,
        Progress,
        NeedMore,
        End,
    }

    /// <summary>Problems found so far: bad JSON, values that are not records, what was not read and why.</summary>
    public IReadOnlyList<Diagnostic> Problems =>
        problemsDropped == 0 ? problems : [.. problems, Diagnostic.Warning(DiagnosticCodes.InvalidRecord, new SourceLocation(origin), $"{problemsDropped:N0} more problems in this input were not listed")];

    /// <summary>Records handed out so far.</summary>
    public long RecordsRead { get; private set; }

    /// <summary>Decompressed bytes read so far.</summary>
    public long BytesRead => buffer?.BytesRead ?? 0;

    /// <summary>Where the record last handed out starts in the input.</summary>
    public SourceLocation LastRecordLocation => new(origin, recordAt.Line, recordAt.Column);

    /// <summary>The input was read to its end (bad records or lines inside it are reported, but did not stop it).</summary>
    public bool ReadToEnd { get; private set; }

    /// <summary>Why the input was not read to its end: it could not be read (a transient failure worth retrying) or is itself at fault.</summary>
    public ReadFailure? Failure { get; private set; }

    private Stream Stream { get; }

    /// <summary>
    /// The records, each parsed on its own. A document is valid until the next one is asked for and is
    /// disposed by the reader then: copy what must outlive it.
    /// </summary>
    public IEnumerable<JsonDocument> Records()
    {
        if (!TryOpen())
        {
            yield break;
        }

        JsonDocument? previous = null;
        try
        {
            while (true)
            {
                var (step, document) = Next();
                previous?.Dispose();
                previous = null;
                if (step == Step.End)
                {
                    yield break;
                }

                if (document is null)
                {
                    continue;
                }

                previous = document;
                if (level == Level.Records || RecordEnvelope.Open(document.RootElement, limits) is not { } envelope)
                {
                    RecordsRead++;
                    yield return document;
                    continue;
                }

                foreach (var problem in envelope.Problems)
                {
                    Report(DiagnosticCodes.EnvelopeUnreadable, problem, recordAt);
                }

                try
                {
                    foreach (var record in envelope.Records)
                    {
                        RecordsRead++;
                        yield return record;
                        record.Dispose();
                    }
                }
                finally
                {
                    foreach (var record in envelope.Records)
                    {
                        record.Dispose();
                    }
                }
            }
        }
        finally
        {
            previous?.Dispose();
        }
    }

    public void Dispose()
    {
        buffer?.Dispose();
        buffer = null;
        Stream.Dispose();
    }

    private bool TryOpen()
    {
        try
        {
            buffer = new ReadBuffer(InputStream.Open(Stream), limits.MaxRecordBytes + (256 * 1024), limits.MaxObjectBytes);
            return true;
        }
        catch (Exception ex) when (ReadFailure.IsInputFault(ex))
        {
            Fail(ReadFailure.Of(ex), $"{ReadFailure.Describe(ex)}; nothing was read");
            return false;
        }
    }

    /// <summary>Advances until a record is ready or the input is over; every problem on the way is recorded.</summary>
    private (Step Step, JsonDocument? Document) Next()
    {
        var input = buffer!;
        while (true)
        {
            Step step;
            JsonDocument? document = null;
            try
            {
                step = resyncing ? Resync() : skipping ? Skip() : level == Level.Top ? TopStep(out document) : InnerStep(out document);
            }
            catch (JsonException ex)
            {
                if (!Recover(ex))
                {
                    return (Step.End, null);
                }

                continue;
            }

            switch (step)
            {
                case Step.Record:
                    return (step, document);
                case Step.Progress:
                    continue;
                case Step.End:
                    ReadToEnd = !input.OverLimit;
                    ReportOverLimit(input);
                    return (step, null);
            }

            if (!TryFill(input))
            {
                return (Step.End, null);
            }
        }
    }

    /// <summary>More bytes for a value that does not fit yet; false when the input is over (reported).</summary>
    private bool TryFill(ReadBuffer input)
    {
        var pending = input.PendingLength;
        if (input.AtEnd && !input.OverLimit)
        {
            // The reader saw the final block and still wanted more: the input stops inside a value.
            Fail(ReadFailure.Kind.Truncated, $"not valid JSON: the input ends inside a value (truncated?); {RecordsRead:N0} records were read before it", input.PositionOf(input.PendingLength));
            return false;
        }

        if (pending >= limits.MaxRecordBytes && !skipping)
        {
            return SkipValueInHand(input);
        }

        bool filled;
        try
        {
            filled = input.Fill();
        }
        catch (Exception ex) when (ReadFailure.IsInputFault(ex))
        {
            Fail(ReadFailure.Of(ex), $"{ReadFailure.Describe(ex)} after {RecordsRead:N0} records ({input.BytesRead:N0} bytes); the rest was not read");
            return false;
        }

        if (filled)
        {
            return true;
        }

        if (input.OverLimit)
        {
            ReportOverLimit(input);
            return false;
        }

        // Either the buffer is at its cap (one token fills it), or the input ended inside a value
        // and the reader reports that at its final block.
        return input.AtEnd || SkipValueInHand(input);
    }

    /// <summary>The value in hand alone is past the record limit: pass over it token by token instead of holding it.</summary>
    private bool SkipValueInHand(ReadBuffer input)
    {
        if (skipping)
        {
            var at = input.PositionOf(0);
            Fail(ReadFailure.Kind.Corrupt, $"more than {Size(limits.MaxRecordBytes)} from {at.Line}:{at.Column} without the end of a JSON token (one huge string or number, or a run of blanks); {RecordsRead:N0} records were read before it, the rest was not read", at);
            return false;
        }

        skipping = true;
        if (level == Level.Top)
        {
            state = new JsonReaderState(Options);
        }

        return true;
    }

    private Step TopStep(out JsonDocument? document)
    {
        document = null;
        var input = buffer!;
        var blank = LeadingWhitespace(input.Pending);
        input.Consume(blank);
        if (input.PendingLength == 0)
        {
            return input.AtEnd ? Step.End : Step.NeedMore;
        }

        valueStart = input.PositionOf(0);
        var reader = new Utf8JsonReader(input.Pending, input.AtEnd, new JsonReaderState(Options));
        if (!reader.Read())
        {
            return Step.NeedMore;
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var peek = reader;
                if (!peek.Read())
                {
                    return Step.NeedMore;
                }

                if (peek.TokenType == JsonTokenType.PropertyName && peek.ValueTextEquals("Records"u8))
                {
                    if (!peek.Read())
                    {
                        return Step.NeedMore;
                    }

                    if (peek.TokenType == JsonTokenType.StartArray)
                    {
                        Commit(ref peek, Level.Records);
                        return Step.Progress;
                    }
                }

                if (!JsonDocument.TryParseValue(ref reader, out document))
                {
                    return Step.NeedMore;
                }

                oneLineValues |= input.Pending[..(int)reader.BytesConsumed].IndexOf((byte)'\n') < 0;
                var valid = Utf8.IsValid(input.Pending[..(int)reader.BytesConsumed]);
                input.Consume((int)reader.BytesConsumed);
                if (!valid)
                {
                    document.Dispose();
                    document = null;
                    Report(DiagnosticCodes.InvalidRecord, "a record that is not valid UTF-8; skipped", valueStart);
                    return Step.Progress;
                }

                if (reader.BytesConsumed > limits.MaxRecordBytes)
                {
                    document.Dispose();
                    document = null;
                    Report(DiagnosticCodes.InvalidRecord, $"a value is larger than {Size(limits.MaxRecordBytes)} (the largest record read); skipped", valueStart);
                    return Step.Progress;
                }

                recordAt = valueStart;
                return Step.Record;
            case JsonTokenType.StartArray:
                Commit(ref reader, Level.Array);
                return Step.Progress;
            default:
                input.Consume((int)reader.BytesConsumed);
                Report(DiagnosticCodes.InvalidRecord, $"expected a CloudTrail record (a JSON object), an array of them or {{\"Records\":[...]}}, found a {Describe(reader.TokenType)}", valueStart);
                return Step.Progress;
        }
    }

    private Step InnerStep(out JsonDocument? document)
    {
        document = null;
        var input = buffer!;
        var reader = new Utf8JsonReader(input.Pending, input.AtEnd, state);
        if (!reader.Read())
        {
            return Step.NeedMore;
        }

        if (level == Level.AfterRecords)
        {
            // Whatever else the wrapper holds is not records.
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                Commit(ref reader, Level.Top);
                return Step.Progress;
            }

            if (!reader.Read() || !reader.TrySkip())
            {
                return Step.NeedMore;
            }

            Commit(ref reader, Level.AfterRecords);
            return Step.Progress;
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.EndArray:
                Commit(ref reader, level == Level.Records ? Level.AfterRecords : Level.Top);
                return Step.Progress;
            case JsonTokenType.StartObject:
                var start = reader.TokenStartIndex;
                if (!JsonDocument.TryParseValue(ref reader, out document))
                {
                    return Step.NeedMore;
                }

                var size = reader.BytesConsumed - start;
                if (!Utf8.IsValid(input.Pending[(int)start..(int)reader.BytesConsumed]))
                {
                    document.Dispose();
                    document = null;
                    Report(DiagnosticCodes.InvalidRecord, $"{ElementName()} is not valid UTF-8; skipped", input.PositionOf((int)start));
                    Commit(ref reader, level);
                    elementIndex++;
                    return Step.Progress;
                }

                if (size > limits.MaxRecordBytes)
                {
                    // Parsed whole because it came in one read, but over the limit all the same: dropped as if skipped.
                    document.Dispose();
                    document = null;
                    Report(DiagnosticCodes.InvalidRecord, $"{ElementName()} is larger than {Size(limits.MaxRecordBytes)} (the largest record read); skipped", input.PositionOf((int)start));
                    Commit(ref reader, level);
                    elementIndex++;
                    return Step.Progress;
                }

                recordAt = input.PositionOf((int)start);
                Commit(ref reader, level);
                elementIndex++;
                return Step.Record;
            default:
                var at = input.PositionOf((int)reader.TokenStartIndex);
                if (reader.TokenType == JsonTokenType.StartArray && !reader.TrySkip())
                {
                    return Step.NeedMore;
                }

                Commit(ref reader, level);
                Report(DiagnosticCodes.InvalidRecord, $"{ElementName()} is a {Describe(reader.TokenType)}, not a CloudTrail record (a JSON object); skipped", at);
                elementIndex++;
                return Step.Progress;
        }
    }

    /// <summary>Passes over a value too large to hold, one token at a time, keeping nothing of it.</summary>
    private Step Skip()
    {
        var input = buffer!;
        var reader = new Utf8JsonReader(input.Pending, input.AtEnd, state);
        var done = false;
        while (!done && reader.Read())
        {
            if (skipDepth < 0)
            {
                if (reader.TokenType is JsonTokenType.EndArray or JsonTokenType.EndObject)
                {
                    // What filled the buffer was blanks before the end of the list or wrapper: nothing to skip.
                    skipping = false;
                    return Step.Progress;
                }

                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    // A wrapper's other property: its name is not the value being passed over.
                    continue;
                }

                skipDepth = reader.CurrentDepth;
                skipStart ??= input.PositionOf((int)reader.TokenStartIndex);
                done = reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray);
            }
            else
            {
                done = reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == skipDepth;
            }
        }

        input.Consume((int)reader.BytesConsumed);
        state = reader.CurrentState;
        if (!done)
        {
            return Step.NeedMore;
        }

        skipping = false;
        skipDepth = -1;
        var what = level switch
        {
            Level.Top => "a value",
            Level.AfterRecords => "a value beside Records",
            _ => ElementName(),
        };
        Report(DiagnosticCodes.InvalidRecord, $"{what} is larger than {Size(limits.MaxRecordBytes)} (the largest record read); skipped without being read", level == Level.Top ? valueStart : skipStart ?? input.PositionOf(0));
        skipStart = null;
        if (level is Level.Array or Level.Records)
        {
            elementIndex++;
        }

        return Step.Progress;
    }

    /// <summary>Drops the rest of a bad line; the next line is read as a value of its own.</summary>
    private Step Resync()
    {
        var input = buffer!;
        var lineEnd = input.Pending.IndexOf((byte)'\n');
        if (lineEnd < 0)
        {
            input.Consume(input.PendingLength);
            return input.AtEnd ? Step.End : Step.NeedMore;
        }

        input.Consume(lineEnd + 1);
        resyncing = false;
        return Step.Progress;
    }

    /// <summary>
    /// Reports bad JSON. A fault on the line its value started on (JSON Lines, or the single line of an
    /// S3 object) costs the rest of that line; one deeper in a multi-line document ends the input.
    /// </summary>
    private bool Recover(JsonException ex)
    {
        var input = buffer!;
        if (input.OverLimit)
        {
            // The reader hit the cut made at the limit, not a fault of the input.
            ReportOverLimit(input);
            return false;
        }

        var relativeLine = (int)(ex.LineNumber ?? 0);
        var at = (Line: valueStart.Line + relativeLine, Column: relativeLine == 0 ? valueStart.Column + (int)(ex.BytePositionInLine ?? 0) : (int)(ex.BytePositionInLine ?? 0) + 1);
        var truncated = input.AtEnd && ex.Message.Contains("end of", StringComparison.OrdinalIgnoreCase);
        var what = truncated ? "not valid JSON: the input ends inside a value (truncated?)" : $"not valid JSON: {FirstSentence(ex.Message)}";
        var wholeValuePending = level == Level.Top && !skipping;
        skipping = false;
        skipDepth = -1;
        skipStart = null;
        level = Level.Top;
        if (wholeValuePending && relativeLine > 0 && StartOfLineOpeningARecord(input.Pending, relativeLine) is { } next)
        {
            // JSON Lines with a line cut short: the line that broke it starts a record of its own.
            Report(DiagnosticCodes.InputUnreadable, $"not valid JSON: the value on line {valueStart.Line} does not end on its line (cut short?); skipped", valueStart, RawText(input.Pending[..next]));
            input.Consume(next);
            return true;
        }

        if (!truncated && (relativeLine == 0 || oneLineValues))
        {
            // The bad line's text goes to the dead letters when the whole of it is in hand.
            var lineEnd = wholeValuePending && relativeLine == 0 ? input.Pending.IndexOf((byte)'\n') : -1;
            Report(DiagnosticCodes.InputUnreadable, $"{what}; the rest of line {valueStart.Line} was skipped", at, lineEnd < 0 ? null : RawText(input.Pending[..lineEnd]));
            resyncing = true;
            return true;
        }

        Fail(truncated ? ReadFailure.Kind.Truncated : ReadFailure.Kind.Corrupt, $"{what}; {RecordsRead:N0} records were read before it, the rest was not read", at);
        return false;
    }

    /// <summary>The offset of the given line (counted from the start of what is pending) when that line opens an object; null otherwise.</summary>
    private static int? StartOfLineOpeningARecord(ReadOnlySpan<byte> pending, int line)
    {
        var offset = 0;
        for (var i = 0; i < line; i++)
        {
            var end = pending[offset..].IndexOf((byte)'\n');
            if (end < 0)
            {
                return null;
            }

            offset += end + 1;
        }

        var rest = pending[offset..];
        var first = rest.IndexOfAnyExcept(" \t\r"u8);
        return first >= 0 && rest[first] == (byte)'{' ? offset : null;
    }

    private void Commit(ref Utf8JsonReader reader, Level next)
    {
        buffer!.Consume((int)reader.BytesConsumed);
        state = reader.CurrentState;
        if (next != level)
        {
            elementIndex = 0;
        }

        level = next;
    }

    private void ReportOverLimit(ReadBuffer input)
    {
        if (input.OverLimit && Failure is null)
        {
            Fail(ReadFailure.Kind.TooLarge, $"expands past {Size(limits.MaxObjectBytes)} (the largest input read); stopped after {RecordsRead:N0} records, the rest was not read");
        }
    }

    private void Fail(ReadFailure.Kind kind, string message, (int Line, int Column)? at = null)
    {
        Failure = new ReadFailure(kind, message);
        var location = at is { } position ? new SourceLocation(origin, position.Line, position.Column) : new SourceLocation(origin);
        problems.Add(Diagnostic.Error(DiagnosticCodes.InputUnreadable, location, message));
        deadLetters?.Add(new DeadLetter(location, DiagnosticCodes.InputUnreadable, message));
    }

    private void Report(string code, string message, (int Line, int Column) at, string? raw = null)
    {
        deadLetters?.Add(new DeadLetter(new SourceLocation(origin, at.Line, at.Column), code, message) { Raw = raw });
        if (problems.Count >= MaxProblemsKept)
        {
            problemsDropped++;
            return;
        }

        problems.Add(Diagnostic.Error(code, new SourceLocation(origin, at.Line, at.Column), message));
    }

    /// <summary>A bad line's text for the dead letters: null unless dead letters are kept, and it is small and valid UTF-8.</summary>
    private string? RawText(ReadOnlySpan<byte> line)
    {
        line = line.TrimEnd("\r\n \t"u8);
        return deadLetters is null || line.Length > DeadLetterFile.MaxRawBytes || !Utf8.IsValid(line) ? null : System.Text.Encoding.UTF8.GetString(line);
    }

    private string ElementName() => level == Level.Records ? $"Records[{elementIndex}]" : $"[{elementIndex}]";

    private static int LeadingWhitespace(ReadOnlySpan<byte> span)
    {
        var index = span.IndexOfAnyExcept(" \t\r\n"u8);
        return index < 0 ? span.Length : index;
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 * 1024 => $"{bytes / (1024.0 * 1024 * 1024):0.#} GiB",
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MiB",
        _ => $"{bytes / 1024.0:0.#} KiB",
    };

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray or JsonTokenType.EndArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString().ToLowerInvariant(),
    };

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends its own zero-based position; the diagnostic already has the right one.
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message.TrimEnd().TrimEnd('.');
    }
}
