using System.CommandLine;
using DetectionKit.Cli.Hosting;
using DetectionKit.Cli.Options;
using DetectionKit.Cli.Reporting;
using DetectionKit.Engine.Selection;
using DetectionKit.Tooling.Benign;
using DetectionKit.Tooling.Testing;
using DetectionKit.Tooling.Watching;

namespace DetectionKit.Cli.Commands;

/// <summary>
/// <c>test</c>: evaluate every case of the selected rules and compare with the verified snapshots;
/// replay the captures and compare with their verified alerts.
/// </summary>
internal static class TestCommand
{
    public static Command Create(CliContext context)
    {
        var rules = CommonOptions.Rules();
        var filter = new Option<string?>("--filter") { Description = "Only rules whose id or pack/name matches this glob (* and ?).", HelpName = "GLOB" };
        var filters = new FilterOptions();
        var captures = CaptureOptions.Create("CloudTrail captures: each is replayed through the rules and the alert pipeline, and its alerts compared with DIR.verified.json. Default: fixtures beside the rules directory, when it exists.");
        var accept = new Option<bool>("--accept") { Description = "Write the received outputs and capture alerts as the verified ones (review the diff before committing)." };
        var format = new Option<string>("--format") { Description = "Report format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "junit");
        var verbose = new Option<bool>("--verbose", "-v") { Description = "List every case and capture with PASS or FAIL, not only the failures (text format)." };
        var minimumTests = new Option<int>("--minimum-tests")
        {
            Description = "Fail each selected rule with fewer than N cases, and (N above 1) without a positive and a negative one. Default 0: only what validate's case gate asks.",
            HelpName = "N",
        };
        minimumTests.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--minimum-tests must be 0 or more (the number of cases each rule must record)");
            }
        });
        var watch = new Option<bool>("--watch") { Description = "Keep running: on every save of a rule's YAML, script or case file, a shared library or the settings file, test again the rules it concerns. Ctrl-C ends it." };
        var settings = CommonOptions.Settings("Also run every case under this settings file's values (defaults < settings < the case's own) and report the cases whose verdict changes; snapshots stay recorded with the defaults.");
        var noCache = CacheOption.Create();
        var benign = new Option<bool>("--benign") { Description = $"Also replay {BenignTrafficCheck.DefaultEvents:N0} generated benign records (seed {BenignTrafficCheck.DefaultSeed}) through the rules under test: a high or critical alert, or a rule that throws, fails the run. Takes seconds; the pull-request gate runs it." };
        var output = new Option<string?>("--out") { Description = "Write the report (in --format) to this file; the text report still goes to stdout, so a CI log reads as a local run.", HelpName = "FILE" };
        var command = new Command("test", "Run the recorded cases of every rule (or those selected) and check their outputs against the snapshots, and the alerts each capture raises against the verified ones.")
        {
            rules, filter, captures, accept, format, verbose, minimumTests, watch, settings, noCache, benign, output,
        };
        filters.AddTo(command);
        command.SetAction((parse, cancel) => ExecuteAsync(context, new TestRequest(
            parse.GetValue(rules)!,
            filters.Read(parse) with { Globs = parse.GetValue(filter) is { } glob ? [glob] : [] },
            parse.GetValue(captures),
            parse.GetValue(accept),
            parse.GetValue(format)!,
            parse.GetValue(settings),
            parse.GetValue(noCache))
        {
            Verbose = parse.GetValue(verbose),
            MinimumTests = parse.GetValue(minimumTests),
            Watch = parse.GetValue(watch),
            Benign = parse.GetValue(benign),
            Out = parse.GetValue(output),
        }, cancel));
        return command;
    }

    private static async Task<int> ExecuteAsync(CliContext context, TestRequest request, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(request.Rules))
        {
            context.Error.WriteLine(CommonOptions.RulesDirectoryMissing(request.Rules));
            return ExitCodes.Usage;
        }

        if (!CaptureOptions.TryResolve(request.Captures, request.Rules, out var captures, out var error))
        {
            context.Error.WriteLine(error);
            return ExitCodes.Usage;
        }

        if (request.Watch && (request.Accept || request.Format != "text" || request.Benign || request.Out is not null))
        {
            context.Error.WriteLine($"error: --watch prints text results as you save and accepts nothing; run 'detectionkit test {(request.Accept ? "--accept" : request.Benign ? "--benign" : request.Out is not null ? "--out" : $"--format {request.Format}")}' without --watch");
            return ExitCodes.Usage;
        }

        var runner = new RuleTestRunner(request.Rules, captures, settingsPath: request.Settings, cache: CacheOption.Open(context, request.NoCache));
        return request.Watch ? await WatchAsync(context, request, runner, cancellationToken) : Test(context, request, runner);
    }

    /// <summary>Runs until Ctrl-C (exit 0); only a first run whose filter selects nothing or cannot be used ends it, as a usage error.</summary>
    private static async Task<int> WatchAsync(CliContext context, TestRequest request, RuleTestRunner runner, CancellationToken cancellationToken)
    {
        using var stop = new GracefulStop(context, cancellationToken, "the watch is over");
        var reporter = new WatchReporter(context.Out, context.Error, request.Rules, request.Verbose);
        var exitCode = ExitCodes.Success;
        var watcher = new TestWatcher(runner, request.Rules, request.Settings, request.Filter, request.MinimumTests, TimeSpan.FromMilliseconds(200));
        await watcher.WatchAsync(
            watch =>
            {
                if (watch.IsFirst && watch.Run is { SelectionProblems.Count: > 0 } first)
                {
                    exitCode = Report(context, first, new TextTestReporter(request.Verbose));
                    return false;
                }

                reporter.Report(watch);
                context.Out.Flush();
                return true;
            },
            stop.Token);
        return exitCode;
    }

    private static int Test(CliContext context, TestRequest request, RuleTestRunner runner)
    {
        var run = runner.Run(request.Filter, request.Accept, request.MinimumTests, benign: request.Benign);
        var reporter = Reporter(request);
        if (request.Out is { } path)
        {
            // The report in its format goes to the file; the log shows the text a local run shows.
            ReportFile.Write(path, writer => reporter.Report(run, writer));
            reporter = new TextTestReporter(request.Verbose);
        }

        return Report(context, run, reporter);
    }

    /// <summary>Prints the run and returns the exit code. A filter that selects nothing is a usage error, unless rule files failed to load: the rule meant may be among them.</summary>
    private static int Report(CliContext context, TestRun run, ITestReporter reporter)
    {
        if (run.SelectionProblems.Count == 0 || !run.Succeeded)
        {
            reporter.Report(run, context.Out);
        }

        var formatter = new DiagnosticFormatter(DiagnosticStyle.Text);
        foreach (var problem in run.SelectionProblems)
        {
            context.Error.WriteLine(formatter.Format(problem));
        }

        return !run.Succeeded ? ExitCodes.Failures
            : run.SelectionProblems.Count > 0 ? ExitCodes.Usage
            : ExitCodes.Success;
    }

    private static ITestReporter Reporter(TestRequest request) => request.Format switch
    {
        "json" => new JsonTestReporter(),
        "junit" => new JUnitTestReporter(),
        _ => new TextTestReporter(request.Verbose),
    };

    private sealed record TestRequest(string Rules, RuleFilter Filter, string? Captures, bool Accept, string Format, string? Settings, bool NoCache)
    {
        /// <summary>List the passing cases too.</summary>
        public bool Verbose { get; init; }

        /// <summary>The cases each rule must record (<c>--minimum-tests</c>); 0 for no more than validate's gate.</summary>
        public int MinimumTests { get; init; }

        /// <summary>Keep running and test again on every save.</summary>
        public bool Watch { get; init; }

        /// <summary>Also replay generated benign traffic through the rules under test.</summary>
        public bool Benign { get; init; }

        /// <summary>Write the report in its format to this file, and the text report to stdout.</summary>
        public string? Out { get; init; }
    }
}
