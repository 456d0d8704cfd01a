using System.CommandLine;
using DetectionKit.Cli.Hosting;
using DetectionKit.Cli.Options;
using DetectionKit.Cli.Reporting;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Scheduling;
using DetectionKit.Engine.Sources;

namespace DetectionKit.Cli.Commands;

/// <summary><c>schedule</c>: run the jobs of a schedule file against CloudTrail buckets, with persistent state.</summary>
internal static class ScheduleCommand
{
    public static Command Create(CliContext context)
    {
        var config = new Option<string>("--config") { Description = "The schedule file (see schedule.schema.json).", Required = true, HelpName = "FILE" };
        var once = new Option<bool>("--once") { Description = "Run every job once and exit (for cron and CI)." };
        var quarantined = new Option<bool>("--quarantined") { Description = "List the objects each job has quarantined (unreadable for what they are) and exit; runs nothing." };
        var noCache = CacheOption.Create();
        var strict = new Option<bool>("--strict") { Description = "With --once: also exit 1 when a record is not CloudTrail, undated or with a bad eventTime, or an object is empty." };
        var command = new Command("schedule", "Run rule packs against CloudTrail buckets on cron schedules, delivering each alert once; state survives restarts.") { config, once, quarantined, noCache, strict };
        command.SetAction((parse, cancel) => parse.GetValue(quarantined)
            ? Task.FromResult(ListQuarantined(context, parse.GetValue(config)!))
            : ExecuteAsync(context, parse.GetValue(config)!, parse.GetValue(once), parse.GetValue(noCache), parse.GetValue(strict), cancel));
        return command;
    }

    /// <summary><c>schedule --quarantined</c>: each job's quarantined objects, one a line on stdout, from the state file.</summary>
    private static int ListQuarantined(CliContext context, string configPath)
    {
        var formatter = new DiagnosticFormatter(DiagnosticStyle.Text);
        var problems = new List<Diagnostic>();
        var config = ScheduleConfigParser.Parse(configPath, problems);
        if (config is null || problems.Any(p => p.IsError))
        {
            problems.ForEach(p => context.Error.WriteLine(formatter.Format(p)));
            return ExitCodes.Usage;
        }

        if (RunFiles.OpenState(context, config.StatePath) is not { } state)
        {
            return ExitCodes.Usage;
        }

        using (state)
        {
            foreach (var job in config.Jobs)
            {
                var entries = state.Quarantined(job.CheckpointScope);
                context.Out.WriteLine($"job {job.Name}: {entries.Count} quarantined");
                foreach (var entry in entries)
                {
                    context.Out.WriteLine($"  s3://{job.Source.Bucket}/{entry.Key} (ETag {entry.ETag}, {entry.Size:N0} bytes; first seen {entry.FirstSeen:yyyy-MM-dd HH:mm}Z, last seen {entry.LastSeen:yyyy-MM-dd HH:mm}Z): {entry.Reason}");
                }
            }
        }

        return ExitCodes.Success;
    }

    private static async Task<int> ExecuteAsync(CliContext context, string configPath, bool once, bool noCache, bool strict, CancellationToken cancellationToken)
    {
        var formatter = new DiagnosticFormatter(DiagnosticStyle.Text);
        var problems = new List<Diagnostic>();
        var config = ScheduleConfigParser.Parse(configPath, problems);
        if (config is not null && !Directory.Exists(config.RulesPath))
        {
            problems.Add(Diagnostic.Error(DiagnosticCodes.RulesDirectoryMissing, config.RulesLocation ?? new SourceLocation(configPath, 1, 1), $"the rules directory {config.RulesPath} does not exist (a schedule's rules: is relative to the file; default: rules beside it)"));
        }

        if (config is null || problems.Count > 0)
        {
            problems.ForEach(p => context.Error.WriteLine(formatter.Format(p)));
            return ExitCodes.Usage;
        }

        // One compilation per settings file: a suppression's 'when' is compiled into its rule's class.
        var selectors = config.Jobs.Select(j => j.SettingsPath ?? string.Empty).Distinct(StringComparer.Ordinal)
            .ToDictionary(path => path, path => context.LoadRules(config.RulesPath, path.Length == 0 ? null : path, CacheOption.Open(context, noCache)), StringComparer.Ordinal);
        selectors.Values.SelectMany(s => s.LoadProblems.Except(s.SettingsProblems)).Distinct().ToList().ForEach(d => context.Error.WriteLine(formatter.Format(d)));
        problems.AddRange(selectors.Values.SelectMany(s => s.SettingsProblems));
        var ruleSets = new Dictionary<JobConfig, RuleSet>();
        var limits = new Dictionary<JobConfig, ReadLimits>();
        foreach (var job in config.Jobs)
        {
            var packProblems = new List<Diagnostic>();
            var rules = selectors[job.SettingsPath ?? string.Empty];
            var selection = rules.Select(job.Packs, packProblems);
            problems.AddRange(packProblems.Select(p => job.PacksLocation is { } at ? p with { Location = at } : p));
            if (selection is not null)
            {
                ruleSets[job] = selection.Rules;
                limits[job] = selection.ReadLimits;
                if (selection.SelectsNothing)
                {
                    problems.Add(Diagnostic.Error(DiagnosticCodes.UnknownPack, job.PacksLocation ?? new SourceLocation(configPath), $"job '{job.Name}' selects no enabled rule that loaded (packs: {string.Join(", ", job.Packs)}); it would detect nothing"));
                }
            }
        }

        if (problems.Any(p => p.IsError))
        {
            problems.ForEach(p => context.Error.WriteLine(formatter.Format(p)));
            return ExitCodes.Usage;
        }

        problems.ForEach(p => context.Error.WriteLine(formatter.Format(p)));
        if (RunFiles.OpenState(context, config.StatePath) is not { } state)
        {
            return ExitCodes.StateUnusable;
        }

        using var owned = state;
        using var stop = new GracefulStop(context, cancellationToken);
        var scheduler = new JobScheduler(config, job => ruleSets[job], new JobRunner(state, context.Out) { LimitsOf = job => limits[job] });
        var failures = selectors.Values.Any(s => s.HasLoadErrors) ? 1 : 0;
        var interrupted = false;
        var reported = 0;
        void Report(JobResult result)
        {
            reported++;
            interrupted |= result.Stopped;
            foreach (var problem in result.AllProblems)
            {
                context.Error.WriteLine(formatter.Format(problem));
                failures += problem.IsError ? 1 : 0;
            }

            var delivered = string.Join(", ", result.Delivery.Delivered.Select(d => $"{d.Value} to {d.Key}"));
            var objects = result.Objects;
            var strictFailures = strict ? result.Run.Inputs.StrictFailures : 0;
            failures += strictFailures > 0 ? 1 : 0;
            context.Error.WriteLine(
                $"job {result.Job} ({result.Since:yyyy-MM-dd HH:mm}Z to {result.Until:yyyy-MM-dd HH:mm}Z): objects read {result.Run.ObjectsRead}, already processed {objects.AlreadyProcessed}, digests skipped {objects.Digests}, other skipped {objects.OtherObjects}, " +
                $"{InputSummary.Text(result.Run.Inputs, " ")}, " +
                $"events {result.Run.EventsRead}, matches {result.Run.Matches}, {(result.Run.Suppressed.Count > 0 ? $"suppressed {result.Run.SuppressedTotal}, " : string.Empty)}delivered {(delivered.Length == 0 ? "0" : delivered)}" +
                $"{(strictFailures > 0 ? $", failing under --strict {strictFailures}" : string.Empty)}{(result.Stopped ? ", stopped before delivery" : string.Empty)}");
            foreach (var line in SuppressionSummary.Lines(result.Run.Suppressed, "  "))
            {
                context.Error.WriteLine(line);
            }

            if (result.CatchingUpFrom is { } heldBefore)
            {
                context.Error.WriteLine($"  catching up: reached back to {result.Since:yyyy-MM-dd HH:mm}Z, a lookback before {heldBefore.Until:yyyy-MM-dd HH:mm}Z, where an earlier run was held back by {heldBefore.HeldBy}");
            }

            if (result.Covered is { IsHeld: true } held)
            {
                context.Error.WriteLine($"  covered to {held.Until:yyyy-MM-dd HH:mm}Z only (DK4005): the next run reaches back there");
            }

            if (result.Quarantined.Count > 0)
            {
                context.Error.WriteLine($"  quarantined {result.Quarantined.Count} object(s), counted as read and not read again until replaced (DK4004); 'schedule --config FILE --quarantined' lists them");
            }
        }

        if (once)
        {
            await StateFaults.NamingTheFile(config.StatePath, async () =>
            {
                await scheduler.RunOnceAsync(Report, stop.Token);
                return reported;
            });
            if (interrupted || reported < config.Jobs.Count)
            {
                context.Error.WriteLine($"interrupted: {reported - (interrupted ? 1 : 0)} of {config.Jobs.Count} job(s) ran to the end; the next run of each job reads what this one did not");
                return ExitCodes.Interrupted;
            }

            return failures == 0 ? ExitCodes.Success : ExitCodes.Failures;
        }

        context.Error.WriteLine($"scheduling {config.Jobs.Count} job(s); state in {config.StatePath}; Ctrl+C or SIGTERM to stop");
        await StateFaults.NamingTheFile(config.StatePath, async () =>
        {
            await scheduler.RunUntilStoppedAsync(Report, (job, due) => context.Error.WriteLine($"next: job {job.Name} at {due:yyyy-MM-dd HH:mm:ss}Z"), stop.Token);
            return reported;
        });

        // Stopped while waiting for the next job, nothing was cut short: a clean shutdown.
        return interrupted ? ExitCodes.Interrupted : ExitCodes.Success;
    }
}
