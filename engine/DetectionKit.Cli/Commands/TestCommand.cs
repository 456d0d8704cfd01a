using System.CommandLine;
using DetectionKit.Cli.Hosting;
using DetectionKit.Cli.Options;
using DetectionKit.Cli.Reporting;
using DetectionKit.Tooling.Benign;
using DetectionKit.Tooling.Testing;

namespace DetectionKit.Cli.Commands;

/// <summary><c>test</c>: evaluate every case of every rule and compare with the verified snapshots; replay the captures and compare with their verified alerts.</summary>
internal static class TestCommand
{
    public static Command Create(CliContext context)
    {
        var rules = CommonOptions.Rules();
        var filter = new Option<string?>("--filter") { Description = "Only rules whose id or pack/name matches this glob (* and ?).", HelpName = "GLOB" };
        var captures = CaptureOptions.Create("CloudTrail captures: each is replayed through the rules and the alert pipeline, and its alerts compared with DIR.verified.json. Default: fixtures beside the rules directory, when it exists.");
        var accept = new Option<bool>("--accept") { Description = "Write the received outputs and capture alerts as the verified ones (review the diff before committing)." };
        var format = new Option<string>("--format") { Description = "Report format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "junit");
        var settings = CommonOptions.Settings("Also run every case under this settings file's values (defaults < settings < the case's own) and report the cases whose verdict changes; snapshots stay recorded with the defaults.");
        var noCache = CacheOption.Create();
        var benign = new Option<bool>("--benign") { Description = $"Also replay {BenignTrafficCheck.DefaultEvents:N0} generated benign records (seed {BenignTrafficCheck.DefaultSeed}) through the rules under test: a high or critical alert, or a rule that throws, fails the run. Takes seconds; the pull-request gate runs it." };
        var output = new Option<string?>("--out") { Description = "Write the report (in --format) to this file; the text report still goes to stdout, so a CI log reads as a local run.", HelpName = "FILE" };
        var command = new Command("test", "Run every rule's recorded cases and check their outputs against the snapshots, and the alerts each capture raises against the verified ones.")
        {
            rules, filter, captures, accept, format, settings, noCache, benign, output,
        };
        command.SetAction(parse => Execute(context, new TestRequest(parse.GetValue(rules)!, parse.GetValue(filter), parse.GetValue(captures), parse.GetValue(accept), parse.GetValue(format)!, parse.GetValue(settings), parse.GetValue(noCache)) { Benign = parse.GetValue(benign), Out = parse.GetValue(output) }));
        return command;
    }

    private static int Execute(CliContext context, TestRequest request)
    {
        var (rulesDir, filter, capturesDir, accept, format, settings, noCache) = request;
        if (!Directory.Exists(rulesDir))
        {
            context.Error.WriteLine(CommonOptions.RulesDirectoryMissing(rulesDir));
            return ExitCodes.Usage;
        }

        if (!CaptureOptions.TryResolve(capturesDir, rulesDir, out var captures, out var error))
        {
            context.Error.WriteLine(error);
            return ExitCodes.Usage;
        }

        var glob = filter is null ? null : new RuleGlob(filter);
        var run = new RuleTestRunner(rulesDir, captures, settingsPath: settings, cache: CacheOption.Open(context, noCache)).Run(glob is null ? null : glob.Matches, accept, request.Benign);
        ITestReporter reporter = format switch
        {
            "json" => new JsonTestReporter(),
            "junit" => new JUnitTestReporter(),
            _ => new TextTestReporter(),
        };
        if (request.Out is { } path)
        {
            ReportFile.Write(path, writer => reporter.Report(run, writer));
            reporter = new TextTestReporter();
        }

        reporter.Report(run, context.Out);
        if (!run.Succeeded)
        {
            return ExitCodes.Failures;
        }

        if (glob is not null && run.Rules.Count == 0)
        {
            context.Error.WriteLine($"error: no rule matches --filter '{filter}' (it matches a rule id or pack/name, with * and ?)");
            return ExitCodes.Usage;
        }

        return ExitCodes.Success;
    }

    private sealed record TestRequest(string Rules, string? Filter, string? Captures, bool Accept, string Format, string? Settings, bool NoCache)
    {
        public bool Benign { get; init; }

        public string? Out { get; init; }
    }
}
