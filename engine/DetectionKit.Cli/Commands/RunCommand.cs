using System.CommandLine;
using DetectionKit.Cli.Reporting;
using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Packs;
using DetectionKit.Engine.Scheduling;
using DetectionKit.Engine.Sinks;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.Sources.S3;

namespace DetectionKit.Cli.Commands;

/// <summary>
/// <c>run</c>: evaluate the rules over CloudTrail records from files, stdin or S3, group matches
/// into alerts (dedup windows, thresholds) and print them as JSON Lines.
/// </summary>
internal static class RunCommand
{
    private const string BundledFixtures = "fixtures";

    public static Command Create(CliContext context)
    {
        var rules = CommonOptions.Rules();
        var sources = new Option<string[]>("--source")
        {
            Description = "A file, a directory (recursive), - for stdin, or s3://BUCKET[/PREFIX]; repeatable. Default: the bundled ./fixtures.",
            HelpName = "PATH",
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<string?>("--out") { Description = "Write alerts to this file instead of stdout.", HelpName = "FILE" };
        var packs = new Option<string[]>("--pack") { Description = "Only the rules of this pack (a rules/ folder such as aws/iam, or a rules/<name>.pack.yml); repeatable.", HelpName = "NAME" };
        var state = new Option<string?>("--state") { Description = "Keep alert state in this SQLite file: alerts already delivered are not printed again. Default: in memory.", HelpName = "PATH" };
        var s3 = new S3Options();
        var command = new Command("run", "Evaluate the rules over CloudTrail records; alerts go out as JSON Lines, a summary to stderr.") { rules, sources, output, packs, state };
        s3.AddTo(command);
        command.SetAction((parse, cancel) => ExecuteAsync(
            context,
            new RunRequest(parse.GetValue(rules)!, parse.GetValue(sources) ?? [], parse.GetValue(output), parse.GetValue(packs) ?? [], parse.GetValue(state), s3.Read(parse)),
            cancel));
        return command;
    }

    private static async Task<int> ExecuteAsync(CliContext context, RunRequest request, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(request.Rules))
        {
            context.Error.WriteLine($"error: rules directory '{request.Rules}' does not exist (pass --rules DIR)");
            return ExitCodes.Usage;
        }

        var sources = request.Sources;
        if (sources.Count == 0)
        {
            if (!Directory.Exists(BundledFixtures))
            {
                context.Error.WriteLine("error: no --source given and no ./fixtures directory to replay; pass --source PATH");
                return ExitCodes.Usage;
            }

            sources = [BundledFixtures];
        }

        var now = DateTimeOffset.UtcNow;
        if (!request.S3.TryResolveRange(now, out var since, out var until, out var rangeError))
        {
            context.Error.WriteLine($"error: {rangeError}");
            return ExitCodes.Usage;
        }

        if (!request.S3.TryValidateNames(out var nameError))
        {
            context.Error.WriteLine($"error: {nameError}");
            return ExitCodes.Usage;
        }

        foreach (var source in sources.Where(S3Uri.IsS3))
        {
            if (!S3Uri.TryParse(source, out var uri))
            {
                context.Error.WriteLine($"error: '{source}' is not an S3 location; use s3://BUCKET[/PREFIX]");
                return ExitCodes.Usage;
            }

            if (!CloudTrailLocation.TryParse(uri, out _, out var locationError))
            {
                context.Error.WriteLine($"error: --source {locationError}");
                return ExitCodes.Usage;
            }
        }

        var formatter = new DiagnosticFormatter(DiagnosticStyle.Text);
        var loadProblems = new List<Diagnostic>();
        var loaded = RuleSetBuilder.Build(request.Rules);
        var include = PackSelector.Resolve(request.Packs, request.Rules, loaded.Definitions, loadProblems);
        if (include is null)
        {
            loadProblems.ForEach(d => context.Error.WriteLine(formatter.Format(d)));
            return ExitCodes.Usage;
        }

        var ruleSet = new RuleSet(loaded.Compiled.Where(r => include(r.Definition)));
        var ruleProblems = loaded.Diagnostics.Where(d => d.RuleId is null || loaded.Definitions.Any(r => r.Id == d.RuleId && include(r))).ToList();
        ruleProblems.ForEach(d => context.Error.WriteLine(formatter.Format(d)));

        var files = new List<string>();
        var s3Sources = new List<S3EventSource>();
        var clients = new List<IDisposable>();
        var parts = new List<IEventSource>();
        foreach (var source in sources)
        {
            if (S3Uri.TryParse(source, out var uri))
            {
                var client = S3ClientFactory.Create(request.S3.EndpointUrl);
                clients.Add(client);
                var s3Source = new S3EventSource(client, new S3SourceOptions
                {
                    Location = uri,
                    Since = since,
                    Until = until,
                    Accounts = request.S3.Accounts,
                    Regions = request.S3.Regions,
                    Parallelism = request.S3.Parallelism,
                });
                s3Sources.Add(s3Source);
                parts.Add(s3Source);
            }
            else
            {
                files.Add(source);
            }
        }

        if (s3Sources.Count == 0 && request.S3.NarrowsListing)
        {
            context.Error.WriteLine("warning: --since, --until, --accounts and --regions narrow S3 listings; they do not filter files or stdin");
        }

        var fileSource = new FileEventSource(files, context.OpenStandardInput);
        parts.Insert(0, fileSource);

        using var stop = new GracefulStop(context, cancellationToken);
        using var state = request.State is null ? SqliteAlertStateStore.InMemory() : SqliteAlertStateStore.Open(request.State);
        using var progress = new ProgressLine(context);
        RunSummary summary;
        DeliveryReport delivery;
        try
        {
            summary = await new DetectionRunner(ruleSet, state).RunAsync(
                new CompositeEventSource(parts),
                progress: running => progress.Update($"objects/files {running.Batches}, events {running.EventsRead}, matches {running.Matches}"),
                stop: stop.Token);
            progress.Clear();
            await using var sink = request.Output is null ? new JsonLinesAlertSink(context.Out) : JsonLinesAlertSink.ToFile(request.Output);
            var outputName = request.Output is null ? "run:stdout" : $"run:{Path.GetFullPath(request.Output)}";
            delivery = await AlertDelivery.DeliverAsync(state, [new AlertOutput(outputName, sink)], ruleSet.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal), stop.Token);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        foreach (var problem in summary.InputProblems.Concat(summary.RuleErrors.Select(e => e.ToDiagnostic())).Concat(delivery.Failures))
        {
            context.Error.WriteLine(formatter.Format(problem));
        }

        var failedRules = ruleProblems.Where(d => d.IsError).Select(d => d.RuleId ?? d.Location.Path).Distinct(StringComparer.Ordinal).Count();
        var errors = failedRules + summary.InputProblems.Count(p => p.IsError) + summary.RuleErrors.Count + delivery.Failures.Count;
        var objects = s3Sources.Count == 0 ? string.Empty : S3Summary(s3Sources);
        context.Error.WriteLine(
            $"events read: {summary.EventsRead}, inputs: {summary.Batches}, skipped files: {fileSource.SkippedFiles}, {objects}" +
            $"rules loaded: {ruleSet.Rules.Count}, rules failed to load: {failedRules}, matches: {summary.Matches}, alerts: {delivery.Total}, errors: {errors}");
        return errors == 0 ? ExitCodes.Success : ExitCodes.Failures;
    }

    private static string S3Summary(IReadOnlyList<S3EventSource> sources)
    {
        long Sum(Func<S3SourceCounters, long> pick) => sources.Sum(s => pick(s.Counters));
        return $"s3 objects read: {Sum(c => c.Downloaded)}, digests skipped: {Sum(c => c.Digests)}, other objects skipped: {Sum(c => c.OtherObjects)}, outside the time range: {Sum(c => c.OutOfRange)}, listings: {Sum(c => c.Listings)}, ";
    }

    private sealed record RunRequest(string Rules, IReadOnlyList<string> Sources, string? Output, IReadOnlyList<string> Packs, string? State, S3Request S3);
}
