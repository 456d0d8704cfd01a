using System.CommandLine;
using DetectionKit.Cli.Hosting;
using DetectionKit.Cli.Options;
using DetectionKit.Cli.Reporting;
using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Packs;
using DetectionKit.Engine.Running;
using DetectionKit.Engine.Sources.S3;
using DetectionKit.Engine.State;

namespace DetectionKit.Cli.Commands;

/// <summary>
/// <c>run</c>: evaluate the rules over CloudTrail records from files, stdin or S3, group matches
/// into alerts (dedup windows, thresholds) and print them as JSON Lines.
/// </summary>
internal static class RunCommand
{
    private const string BundledFixtures = "fixtures";
    private const string Scope = "run";

    public static Command Create(CliContext context)
    {
        var rules = CommonOptions.Rules();
        var sources = new Option<string[]>("--source")
        {
            Description = "A file, a directory (recursive), - for stdin, or s3://BUCKET[/PREFIX]; repeatable. Default: the bundled ./fixtures.",
            HelpName = "PATH",
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<string?>("--out") { Description = "Write alerts to this file instead of stdout (appended to when --state is given).", HelpName = "FILE" };
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
        var formatter = new DiagnosticFormatter(DiagnosticStyle.Text);
        if (Problem(request) is { } usage)
        {
            context.Error.WriteLine($"error: {usage}");
            return ExitCodes.Usage;
        }

        var now = DateTimeOffset.UtcNow;
        request.S3.TryResolveRange(now, out var since, out var until, out _);
        var loaded = RuleSetBuilder.Build(request.Rules);
        var packProblems = new List<Diagnostic>();
        var include = PackSelector.Resolve(request.Packs, request.Rules, loaded.Definitions, packProblems);
        if (include is null)
        {
            packProblems.ForEach(d => context.Error.WriteLine(formatter.Format(d)));
            return ExitCodes.Usage;
        }

        var ruleSet = new RuleSet(loaded.Compiled.Where(r => include(r.Definition)));
        if (request.Packs.Count > 0 && ruleSet.Rules.Count == 0)
        {
            context.Error.WriteLine($"error: {string.Join(", ", request.Packs)}: DK1013: the pack selects no enabled rule that loaded; nothing would be detected");
            return ExitCodes.Usage;
        }

        var ruleProblems = loaded.Diagnostics.Where(d => d.RuleId is null || loaded.Definitions.Any(r => r.Id == d.RuleId && include(r))).ToList();
        ruleProblems.ForEach(d => context.Error.WriteLine(formatter.Format(d)));

        using var sources = RunSources.Create(request.Sources.Count > 0 ? request.Sources : [BundledFixtures], request.S3, since, until, context.OpenStandardInput, out var sourceError);
        if (sources is null)
        {
            context.Error.WriteLine($"error: {sourceError}");
            return ExitCodes.Usage;
        }

        if (sources.Buckets.Count == 0 && request.S3.NarrowsListing)
        {
            context.Error.WriteLine("warning: --since, --until, --accounts and --regions narrow S3 listings; they do not filter files or stdin");
        }

        IAlertStateStore state;
        IAlertSink sink;
        try
        {
            state = request.State is null ? SqliteAlertStateStore.InMemory() : SqliteAlertStateStore.Open(request.State);
            sink = request.Output is null ? new JsonLinesAlertSink(context.Out) : JsonLinesAlertSink.ToFile(request.Output, append: request.State is not null);
        }
        catch (Exception ex) when (ex is StateStoreException or IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Usage;
        }

        using var owned = state;
        await using var output = sink;
        using var stop = new GracefulStop(context, cancellationToken);
        using var progress = new ProgressLine(context);
        var summary = await new DetectionRunner(ruleSet, state, Scope).RunAsync(
            sources.Source,
            progress: running => progress.Update($"objects/files {running.Batches}, events {running.EventsRead}, matches {running.Matches}"),
            stop: stop.Token);
        progress.Clear();

        // Delivered in full even after a stop request: with in-memory state, an alert not printed now is lost.
        var outputName = request.Output is null ? "run:stdout" : $"run:{Path.GetFullPath(request.Output)}";
        var delivery = await AlertDelivery.DeliverAsync(state, Scope, [new AlertOutput(outputName, sink)], ruleSet.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal));
        foreach (var problem in summary.InputProblems.Concat(summary.RuleErrors.Select(e => e.ToDiagnostic())).Concat(delivery.Failures))
        {
            context.Error.WriteLine(formatter.Format(problem));
        }

        var failedRules = ruleProblems.Where(d => d.IsError).Select(d => d.RuleId ?? d.Location.Path).Distinct(StringComparer.Ordinal).Count();
        var errors = failedRules + summary.InputProblems.Count(p => p.IsError) + summary.RuleErrors.Count + delivery.Failures.Count;
        context.Error.WriteLine(
            $"events read: {summary.EventsRead}, inputs: {summary.Batches}, skipped files: {sources.Files.SkippedFiles}, {sources.S3Summary()}" +
            $"rules loaded: {ruleSet.Rules.Count}, rules failed to load: {failedRules}, matches: {summary.Matches}, alerts: {delivery.Total}, errors: {errors}" +
            (summary.Stopped ? ", stopped early" : string.Empty));
        return errors == 0 ? ExitCodes.Success : ExitCodes.Failures;
    }

    private static string? Problem(RunRequest request)
    {
        if (!Directory.Exists(request.Rules))
        {
            return CommonOptions.RulesDirectoryMissing(request.Rules)["error: ".Length..];
        }

        if (request.Sources.Count == 0 && !Directory.Exists(BundledFixtures))
        {
            return "no --source given and no ./fixtures directory to replay; pass --source PATH";
        }

        if (!request.S3.TryResolveRange(DateTimeOffset.UtcNow, out _, out _, out var rangeError))
        {
            return rangeError;
        }

        if (!request.S3.TryValidateNames(out var nameError))
        {
            return nameError;
        }

        foreach (var source in request.Sources.Where(S3Uri.IsS3))
        {
            if (!S3Uri.TryParse(source, out var uri))
            {
                return $"'{source}' is not an S3 location; use s3://BUCKET[/PREFIX]";
            }

            if (!CloudTrailLocation.TryParse(uri, out _, out var locationError))
            {
                return $"--source {locationError}";
            }
        }

        return null;
    }

    private sealed record RunRequest(string Rules, IReadOnlyList<string> Sources, string? Output, IReadOnlyList<string> Packs, string? State, S3Request S3);
}
