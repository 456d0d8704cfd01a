using System.CommandLine;
using System.Text.Json.Nodes;
using DetectionKit.Cli.Hosting;
using DetectionKit.Cli.Hunting;
using DetectionKit.Cli.Options;
using DetectionKit.Cli.Reporting;
using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Hunting;
using DetectionKit.Engine.Running;
using DetectionKit.Engine.Sources;

namespace DetectionKit.Cli.Commands;

/// <summary>
/// <c>hunt</c>: an ad-hoc question of files or a trail bucket, asked as C# expressions over the record
/// <c>e</c> (the rule API), compiled as rule scripts are, and answered by streaming the records through
/// them: the matching records, chosen columns of them, or counts by a key.
/// </summary>
internal static class HuntCommand
{
    private const string Where = "--where";
    private const string Select = "--select";
    private const string CountBy = "--count-by";

    /// <summary>The columns of a table or CSV when only <c>--where</c> is given.</summary>
    private const string DefaultColumns = "e.EventTime, e.RecipientAccountId, e.EventSource, e.EventName, e.UserIdentity.Arn, e.SourceIPAddress, e.ErrorCode";

    /// <summary>How often the progress line is written when stderr is not a terminal.</summary>
    private static readonly TimeSpan PlainProgressEvery = TimeSpan.FromSeconds(30);

    public static Command Create(CliContext context)
    {
        var where = new Option<string?>(Where) { Description = "A C# expression over the record e that is true for the records wanted, such as 'e.EventName == \"GetSecretValue\"'. Default: every record.", HelpName = "EXPR" };
        var select = new Option<string?>(Select) { Description = "Comma-separated C# expressions over e: the columns of each matching record. Default: the whole record (jsonl) or time, account, source, name, principal, address and error code.", HelpName = "EXPRS" };
        var countBy = new Option<string?>(CountBy) { Description = "Comma-separated C# expressions over e: count the matching records by their values, the largest count first.", HelpName = "EXPRS" };
        var sources = new Option<string[]>("--source")
        {
            Description = "A file, a directory (recursive), - for stdin, or s3://BUCKET[/PREFIX]; repeatable.",
            HelpName = "PATH",
            AllowMultipleArgumentsPerToken = true,
        };
        var format = new Option<string>("--format") { Description = "table (aligned columns), jsonl (one JSON object per row) or csv (RFC 4180).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "jsonl", "csv");
        var limit = new Option<long?>("--limit") { Description = "Stop after N matching records (with --count-by: show the N largest counts).", HelpName = "N" };
        limit.Validators.Add(result =>
        {
            if (result.GetValue(limit) is < 1)
            {
                result.AddError("--limit must be at least 1");
            }
        });
        var dryRun = new Option<bool>("--dry-run") { Description = "Say how many objects (per account and region folder) or files, and how many bytes, the scan would read; read none." };
        var s3 = new S3Options();
        var command = new Command("hunt", "Ask files or a trail bucket a question in C#: records matching --where, their --select columns, or --count-by counts.") { where, select, countBy, sources, format, limit, dryRun };
        s3.AddTo(command);
        command.SetAction((parse, cancel) => ExecuteAsync(
            context,
            new HuntRequest(parse.GetValue(where), parse.GetValue(select), parse.GetValue(countBy), parse.GetValue(sources) ?? [], parse.GetValue(format)!, parse.GetValue(limit), parse.GetValue(dryRun), s3.Read(parse)),
            cancel));
        return command;
    }

    private static async Task<int> ExecuteAsync(CliContext context, HuntRequest request, CancellationToken cancellationToken)
    {
        if (Problem(request) is { } usage)
        {
            context.Error.WriteLine($"error: {usage}");
            return ExitCodes.Usage;
        }

        if (Compile(context, request) is not { } query)
        {
            return ExitCodes.Usage;
        }

        var now = DateTimeOffset.UtcNow;
        using var sources = request.S3.Open(request.Sources, now, context.OpenStandardInput, ReadLimits.Default, out var sourceError);
        if (sources is null)
        {
            context.Error.WriteLine($"error: {sourceError}");
            return ExitCodes.Usage;
        }

        if (sources.Buckets.Count == 0 && request.S3.NarrowsListing)
        {
            context.Error.WriteLine("warning: --since, --until, --accounts and --regions narrow S3 listings; they do not filter files or stdin");
        }

        using var stop = new GracefulStop(context, cancellationToken, "stopping; what was found so far stands (send it again to stop at once)");
        if (request.DryRun)
        {
            return await DryRunAsync(context, request, sources, now, stop.Token);
        }

        var headers = query.Values.Select(v => v.Text).ToList();
        var counting = request.CountBy is not null;
        var writer = Writer(context, request.Format, counting ? [.. headers, "count"] : headers);
        var groups = new GroupCounts();
        using var progress = new ProgressLine(context, PlainProgressEvery);
        var scan = new HuntScan(query)
        {
            Limit = counting ? null : request.Limit,
            Progress = running => progress.Update($"hunt: {running.Scanned} records scanned, {running.Matched} matched, objects/files {running.Inputs}"),
        };
        var summary = await scan.RunAsync(
            sources.Source,
            row =>
            {
                if (counting)
                {
                    groups.Add(row.Values);
                    return;
                }

                progress.Clear();
                writer.Write(row.Values, row.Event);
            },
            stop.Token);
        progress.Clear();
        if (counting)
        {
            foreach (var (key, count) in groups.Largest(request.Limit is { } top ? (int)Math.Min(top, int.MaxValue) : null))
            {
                writer.Write([.. key, JsonValue.Create(count)], null);
            }
        }

        writer.Finish();
        var formatter = new DiagnosticFormatter(DiagnosticStyle.Text);
        foreach (var problem in summary.Problems.Concat(summary.ExpressionProblems))
        {
            context.Error.WriteLine(formatter.Format(problem));
        }

        context.Error.WriteLine(
            $"{summary.Scanned} records scanned, {summary.Matched} matched, files/objects read: {summary.Inputs}, {InputSummary.Text(summary.NotRead)}" +
            (counting ? $", distinct keys: {groups.Count}" : string.Empty) +
            (sources.Buckets.Count > 0 ? $", s3 objects outside the time range: {sources.Buckets.Sum(b => b.Counters.OutOfRange)}, digests skipped: {sources.Buckets.Sum(b => b.Counters.Digests)}, other objects skipped: {sources.Buckets.Sum(b => b.Counters.OtherObjects)}" : string.Empty) +
            (sources.Files.SkippedFiles > 0 ? $", skipped files: {sources.Files.SkippedFiles}" : string.Empty));
        if (summary.ReachedLimit)
        {
            context.Error.WriteLine($"stopped early at --limit {request.Limit}: more records may match");
        }

        if (counting && request.Limit is { } shown && groups.Count > shown)
        {
            context.Error.WriteLine($"--limit {shown}: the {shown} largest of {groups.Count} counts are shown");
        }

        if (summary.Interrupted)
        {
            context.Error.WriteLine("interrupted: the scan was stopped before every input was read");
            return ExitCodes.Interrupted;
        }

        return summary.ExpressionProblems.Count > 0 || summary.NotRead.Unreadable > 0 ? ExitCodes.Failures : ExitCodes.Success;
    }

    /// <summary>Parses and compiles the expressions; null, with every problem printed under its option's line, when they do not compile.</summary>
    private static CompiledQuery? Compile(CliContext context, HuntRequest request)
    {
        var problems = new List<Diagnostic>();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        QueryExpression? where = null;
        if (request.Where is { } whereText)
        {
            texts[Where] = whereText;
            where = QueryExpressions.ParseOne(Where, whereText, problems);
        }

        var (valuesOption, valuesText) = request.CountBy is { } countBy ? (CountBy, countBy)
            : request.Select is { } select ? (Select, select)
            : request.Format == "jsonl" ? (Select, null)
            : ("(default columns)", DefaultColumns);
        IReadOnlyList<QueryExpression> values = [];
        if (valuesText is not null)
        {
            texts[valuesOption] = valuesText;
            values = QueryExpressions.ParseList(valuesOption, valuesText, problems);
        }

        var result = problems.Count == 0 ? QueryCompiler.Compile(where, values) : new QueryCompilationResult(null, problems);
        var formatter = new DiagnosticFormatter(DiagnosticStyle.Text);
        foreach (var problem in result.Diagnostics)
        {
            context.Error.WriteLine(formatter.Format(problem));
            foreach (var line in ExpressionPointer.Lines(problem, texts))
            {
                context.Error.WriteLine(line);
            }
        }

        if (result.Query is null)
        {
            context.Error.WriteLine($"error: the query does not compile; nothing was read (expressions are C# over the record e, with the rule API: see docs/rule-api.md)");
        }

        return result.Query;
    }

    private static async Task<int> DryRunAsync(CliContext context, HuntRequest request, RunSources sources, DateTimeOffset now, CancellationToken stop)
    {
        var formatter = new DiagnosticFormatter(DiagnosticStyle.Text);
        var failed = false;
        var files = 0L;
        var bytes = 0L;
        var stdin = false;
        foreach (var input in sources.Files.Inputs(stop))
        {
            if (input == "-")
            {
                stdin = true;
            }
            else if (File.Exists(input))
            {
                files++;
                bytes += new FileInfo(input).Length;
            }
            else
            {
                context.Error.WriteLine($"{input}: error {DiagnosticCodes.InputUnreadable}: no such file or directory");
                failed = true;
            }
        }

        context.Out.WriteLine("dry run: nothing was read");
        if (files > 0 || stdin || sources.Buckets.Count == 0)
        {
            context.Out.WriteLine(DryRunReport.Files(files, bytes, stdin) + (sources.Files.SkippedFiles > 0 ? $" (skipped files: {sources.Files.SkippedFiles})" : string.Empty));
        }

        request.S3.TryResolveRange(now, out var since, out var until, out _);
        foreach (var bucket in sources.Buckets)
        {
            var survey = await bucket.SurveyAsync(stop);
            if (survey.Problem is { } problem)
            {
                context.Error.WriteLine(formatter.Format(problem));
                failed |= problem.IsError;
            }

            foreach (var line in DryRunReport.Bucket(survey, since, until))
            {
                context.Out.WriteLine(line);
            }
        }

        return failed ? ExitCodes.Failures : ExitCodes.Success;
    }

    private static IRowWriter Writer(CliContext context, string format, IReadOnlyList<string> headers) => format switch
    {
        "jsonl" => new JsonLinesRowWriter(context.Out, headers),
        "csv" => new CsvRowWriter(context.Out, headers),
        _ => new TableRowWriter(context.Out, headers),
    };

    private static string? Problem(HuntRequest request)
    {
        if (request.Sources.Count == 0)
        {
            return "hunt needs --source: a file, a directory, - for stdin, or s3://BUCKET[/PREFIX] (with --since and --until)";
        }

        if (request.Where is null && request.Select is null && request.CountBy is null)
        {
            return "give --where (which records), --select (which columns) or --count-by (counts by what), as C# over the record e; e.g. --where 'e.EventName == \"GetSecretValue\"'";
        }

        if (request.Select is not null && request.CountBy is not null)
        {
            return "--select and --count-by do not go together: --count-by prints its keys and their counts; drop one";
        }

        return request.S3.Problem(request.Sources);
    }

    private sealed record HuntRequest(string? Where, string? Select, string? CountBy, IReadOnlyList<string> Sources, string Format, long? Limit, bool DryRun, S3Request S3);
}
