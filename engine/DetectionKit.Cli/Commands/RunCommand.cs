using System.CommandLine;
using DetectionKit.Cli.Hosting;
using DetectionKit.Cli.Options;
using DetectionKit.Cli.Reporting;
using DetectionKit.Engine.Delivery;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Running;
using DetectionKit.Engine.Selection;
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
        var filters = new FilterOptions();
        var ruleIds = new Option<string[]>("--rule") { Description = "Only the rule with this id, even when it is disabled (to try a rule on a file); repeatable.", HelpName = "ID" };
        var state = new Option<string?>("--state") { Description = "Keep alert state in this SQLite file, or in the DynamoDB table of dynamodb://TABLE (shared by many processes): alerts already delivered are not printed again. Default: a temporary state, gone when the run ends.", HelpName = "PATH" };
        var settings = CommonOptions.Settings("The organisation's settings (parameter values, per-rule overrides, suppressions, budget); see settings.schema.json. Default: the rules as shipped.");
        var noCache = CacheOption.Create();
        var strict = new Option<bool>("--strict") { Description = "Also exit 1 when a record is not CloudTrail, undated or with a bad eventTime, or an input is empty (for CI); unreadable inputs always do." };
        var deadLetter = new Option<string?>("--dead-letter") { Description = "Append each record, value or input that could not be read or was not evaluated to this JSON Lines file, with the reason.", HelpName = "PATH" };
        var verifyDigests = new Option<bool>("--verify-digests") { Description = "S3: first verify the range's log files with CloudTrail's digest files (as 'verify' does); each problem is an error and fails the run (exit 1). Needs --public-keys." };
        var publicKeys = new Option<string[]>("--public-keys") { Description = "With --verify-digests: the output of 'aws cloudtrail list-public-keys' saved to a file, one per region (repeatable).", HelpName = "FILE", AllowMultipleArgumentsPerToken = true };
        var s3 = new S3Options();
        var command = new Command("run", "Evaluate the rules over CloudTrail records; alerts go out as JSON Lines, a summary to stderr.") { rules, sources, output, ruleIds, state, settings, noCache, strict, deadLetter, verifyDigests, publicKeys };
        filters.AddTo(command);
        s3.AddTo(command);
        command.SetAction((parse, cancel) => ExecuteAsync(
            context,
            new RunRequest(parse.GetValue(rules)!, parse.GetValue(sources) ?? [], parse.GetValue(output), filters.Read(parse) with { Ids = parse.GetValue(ruleIds) ?? [] }, parse.GetValue(state), parse.GetValue(settings), s3.Read(parse), parse.GetValue(noCache)) { Strict = parse.GetValue(strict), DeadLetter = parse.GetValue(deadLetter), VerifyDigests = parse.GetValue(verifyDigests), PublicKeys = parse.GetValue(publicKeys) ?? [] },
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

        if (!RunFiles.CheckStateLocation(context, request.State))
        {
            return ExitCodes.Usage;
        }

        var keys = request.VerifyDigests ? DigestVerification.LoadKeys(context, request.PublicKeys) : null;
        if (request.VerifyDigests && keys is null)
        {
            return ExitCodes.Usage;
        }

        var now = DateTimeOffset.UtcNow;
        var packProblems = new List<Diagnostic>();
        var selector = context.LoadRules(request.Rules, request.Settings, CacheOption.Open(context, request.NoCache));
        if (selector.HasSettingsErrors)
        {
            // Running without what the organisation asked for (a suppression, a known account) would raise alerts it has ruled out.
            selector.SettingsProblems.ToList().ForEach(d => context.Error.WriteLine(formatter.Format(d)));
            context.Error.WriteLine($"error: {request.Settings} has errors; nothing was run");
            return ExitCodes.Usage;
        }

        var selection = selector.Select(request.Filter, packProblems);
        if (selection is null)
        {
            packProblems.ForEach(d => context.Error.WriteLine(formatter.Format(d)));
            return ExitCodes.Usage;
        }

        if (!request.Filter.IsEmpty && selection.SelectsNothing)
        {
            context.Error.WriteLine(FilterOptions.SelectsNothing(request.Rules, request.Filter));
            return ExitCodes.Usage;
        }

        foreach (var id in selection.Enabled)
        {
            context.Error.WriteLine($"note: {id} is disabled; it runs because --rule names it");
        }

        foreach (var problem in selection.LoadProblems)
        {
            context.Error.WriteLine(formatter.Format(problem));
        }

        using var sources = request.S3.Open(request.Sources.Count > 0 ? request.Sources : [BundledFixtures], now, context.OpenStandardInput, selection.ReadLimits, out var sourceError);
        if (sources is null)
        {
            context.Error.WriteLine($"error: {sourceError}");
            return ExitCodes.Usage;
        }

        if (sources.Buckets.Count == 0 && request.S3.NarrowsListing)
        {
            context.Error.WriteLine("warning: --since, --until, --accounts and --regions narrow S3 listings; they do not filter files or stdin");
        }

        var integrityErrors = 0;
        if (keys is not null)
        {
            var buckets = request.Sources.Select(s => S3Uri.TryParse(s, out var uri) ? uri : null).OfType<S3Uri>().Select(bucket => request.S3.BucketOptions(bucket, now, selection.ReadLimits)).ToList();
            if (buckets.Count == 0)
            {
                context.Error.WriteLine("warning: --verify-digests verifies s3:// sources; files and stdin carry no digests and are read unverified");
            }

            // Before anything is evaluated, so that every alert of the run comes after the word on its logs.
            foreach (var report in await DigestVerification.VerifyAsync(buckets, request.S3.EndpointUrl, keys, cancellationToken))
            {
                report.Findings.ToList().ForEach(f => context.Error.WriteLine(formatter.Format(f.ToDiagnostic())));
                context.Error.WriteLine($"integrity of {report.Location}: {(report.Passed ? "verified" : $"FAILED, {report.Findings.Count} problem{(report.Findings.Count == 1 ? string.Empty : "s")}; the objects named are evaluated all the same, and the run fails")}; {IntegritySummary.Text(report.Counts)}");
                integrityErrors += report.Findings.Count;
            }
        }

        DeadLetterFile? deadLetters;
        try
        {
            deadLetters = request.DeadLetter is null ? null : DeadLetterFile.Open(request.DeadLetter);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"error: --dead-letter {request.DeadLetter}: cannot be opened for writing: {ex.Message}");
            return ExitCodes.Usage;
        }

        using var ownedDeadLetters = deadLetters;
        if (RunFiles.OpenState(context, request.State, request.S3.EndpointUrl) is not { } state)
        {
            return ExitCodes.StateUnusable;
        }

        using var owned = state;
        if (RunFiles.OpenAlerts(context, request.Output, append: request.State is not null) is not { } sink)
        {
            return ExitCodes.InputOutput;
        }

        await using var output = sink;
        using var stop = new GracefulStop(context, cancellationToken);
        using var progress = new ProgressLine(context);
        var outputName = request.Output is null ? "run:stdout" : $"run:{Path.GetFullPath(request.Output)}";
        var pass = await StateFaults.NamingTheFile(request.State, () => new DetectionPass(selection.Rules, state, Scope).RunAsync(
            sources.Source,
            [new AlertOutput(outputName, sink)],
            new PassOptions
            {
                Progress = running => progress.Update($"objects/files {running.Batches}, events {running.EventsRead}, matches {running.Matches}"),
                Delivering = progress.Clear,
                DeadLetters = deadLetters,

                // With a temporary state, an alert not printed now is lost.
                DeliverInFull = true,
            },
            stop.Token));
        foreach (var problem in pass.Problems)
        {
            context.Error.WriteLine(formatter.Format(problem));
        }

        var summary = pass.Run;
        foreach (var line in SuppressionSummary.Lines(summary.Suppressed))
        {
            context.Error.WriteLine(line);
        }

        var errors = selection.FailedToLoad + pass.ErrorCount + integrityErrors;
        var strictFailures = request.Strict ? summary.Inputs.StrictFailures : 0;
        context.Error.WriteLine(
            $"events read: {summary.EventsRead}, inputs: {summary.Batches}, {InputSummary.Text(summary.Inputs)}, skipped files: {sources.Files.SkippedFiles}, {S3Summary(sources.Buckets, summary)}" +
            $"rules loaded: {selection.Rules.Rules.Count}, rules failed to load: {selection.FailedToLoad}, matches: {summary.Matches}, {(request.Settings is null ? string.Empty : $"suppressed: {summary.SuppressedTotal}, ")}alerts: {pass.Delivery.Total}, errors: {errors}" +
            (strictFailures > 0 ? $", failing under --strict: {strictFailures}" : string.Empty) +
            (deadLetters is { Count: > 0 } ? $", dead letters: {deadLetters.Count} in {deadLetters.Path}" : string.Empty) +
            (summary.Stopped ? ", stopped early" : string.Empty));
        if (summary.Stopped)
        {
            context.Error.WriteLine($"interrupted: the run was stopped before every input was read{(request.State is null ? string.Empty : "; the inputs not read to their end were not recorded, and a run with the same --state reads them again")}");
            return ExitCodes.Interrupted;
        }

        if (pass.Delivery.InputOutputFailures > 0)
        {
            context.Error.WriteLine($"{request.Output ?? "stdout"}: error {DiagnosticCodes.InputOutputFailed}: the alerts could not all be written to {request.Output ?? "stdout"} (see {DiagnosticCodes.DeliveryFailed} above)");
            return ExitCodes.InputOutput;
        }

        return errors == 0 && strictFailures == 0 ? ExitCodes.Success : ExitCodes.Failures;
    }

    /// <summary>The S3 part of the summary line; empty without S3 sources. Objects read are those read to their end and committed.</summary>
    private static string S3Summary(IReadOnlyList<S3EventSource> buckets, RunSummary summary)
    {
        if (buckets.Count == 0)
        {
            return string.Empty;
        }

        long Sum(Func<S3SourceCounters, long> pick) => buckets.Sum(s => pick(s.Counters));
        return $"s3 objects read: {summary.ObjectsRead}, digests skipped: {Sum(c => c.Digests)}, other objects skipped: {Sum(c => c.OtherObjects)}, outside the time range: {Sum(c => c.OutOfRange)}, listings: {Sum(c => c.Listings)}, ";
    }

    private static string? Problem(RunRequest request)
    {
        if (!Directory.Exists(request.Rules))
        {
            return CommonOptions.RulesDirectoryMissing(request.Rules)["error: ".Length..];
        }

        if (request.Settings is not null && !File.Exists(request.Settings))
        {
            return $"{request.Settings}: {DiagnosticCodes.SettingsInvalid}: the settings file does not exist";
        }

        if (request.Sources.Count == 0 && !Directory.Exists(BundledFixtures))
        {
            return "no --source given and no ./fixtures directory to replay; pass --source PATH";
        }

        if (request.VerifyDigests != (request.PublicKeys.Count > 0))
        {
            return request.VerifyDigests
                ? "--verify-digests needs --public-keys FILE (the output of: aws cloudtrail list-public-keys --start-time ... --end-time ... > keys.json)"
                : "--public-keys is read only with --verify-digests";
        }

        return request.S3.Problem(request.Sources);
    }

    private sealed record RunRequest(string Rules, IReadOnlyList<string> Sources, string? Output, RuleFilter Filter, string? State, string? Settings, S3Request S3, bool NoCache)
    {
        /// <summary>Records not evaluated and empty inputs fail the run too.</summary>
        public bool Strict { get; init; }

        /// <summary>The dead-letter file, or null for none.</summary>
        public string? DeadLetter { get; init; }

        /// <summary>Verify the S3 sources' log files with their digest files before evaluating.</summary>
        public bool VerifyDigests { get; init; }

        /// <summary>The public keys files <see cref="VerifyDigests"/> reads.</summary>
        public IReadOnlyList<string> PublicKeys { get; init; } = [];
    }
}
