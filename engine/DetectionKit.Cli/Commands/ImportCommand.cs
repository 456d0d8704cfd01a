using System.CommandLine;
using DetectionKit.Cli.Hosting;
using DetectionKit.Cli.Options;
using DetectionKit.Tooling.Importing.Sigma;

namespace DetectionKit.Cli.Commands;

/// <summary><c>import sigma FILE|DIR</c>: convert Sigma rules for CloudTrail into DetectionKit rules, disabled until they have cases.</summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var rules = CommonOptions.Rules();
        var source = new Argument<string>("FILE|DIR") { Description = "A Sigma rule file, or a folder of them (read recursively: *.yml, *.yaml)." };
        var pack = new Option<string>("--pack")
        {
            Description = "The pack folder under the rules directory to write into; it also prefixes the rule ids.",
            DefaultValueFactory = _ => "sigma",
            HelpName = "NAME",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Convert and report, but write nothing." };
        var force = new Option<bool>("--force") { Description = "Overwrite rule files that already exist (their recorded cases are lost)." };
        var sigma = new Command("sigma", "Convert Sigma rules with logsource product aws, service cloudtrail into DetectionKit rules (written disabled, without cases), reporting what could not be converted and why.")
        {
            source, rules, pack, dryRun, force,
        };
        sigma.SetAction(parse => Execute(context, new SigmaImportOptions(parse.GetValue(source)!, parse.GetValue(rules)!, parse.GetValue(pack)!, parse.GetValue(dryRun), parse.GetValue(force))));
        return new Command("import", "Bring rules written in another format into the rules directory.") { sigma };
    }

    private static int Execute(CliContext context, SigmaImportOptions options)
    {
        if (!File.Exists(options.Source) && !Directory.Exists(options.Source))
        {
            context.Error.WriteLine($"error: {options.Source}: no such Sigma file or folder");
            return ExitCodes.Usage;
        }

        if (!SigmaImporter.IsPackName(options.Pack.Trim('/')))
        {
            context.Error.WriteLine($"error: --pack '{options.Pack}' is not a pack folder; use letters, digits, '-', '_' and '.' parts separated by '/', e.g. sigma or aws/sigma");
            return ExitCodes.Usage;
        }

        if (!Directory.Exists(options.RulesRoot))
        {
            context.Error.WriteLine(CommonOptions.RulesDirectoryMissing(options.RulesRoot));
            return ExitCodes.Usage;
        }

        var report = SigmaImporter.Import(options);
        foreach (var file in report.Files)
        {
            foreach (var diagnostic in file.Diagnostics)
            {
                context.Out.WriteLine(diagnostic.ToString());
            }

            // A skipped file's one warning says so already; a folder such as SigmaHQ's rules/ has thousands.
            if (file.Outcome != SigmaOutcome.Skipped)
            {
                context.Out.WriteLine(file.Outcome == SigmaOutcome.Converted
                    ? $"{(options.DryRun ? "would convert" : "converted")} {file.SourcePath} -> {file.YamlPath} (and .csx), disabled until it has cases"
                    : $"failed {file.SourcePath}: not converted, nothing written ({Problems(file)})");
            }
        }

        context.Out.WriteLine(report.Summary + (options.DryRun ? " (dry run: nothing written)" : string.Empty));
        if (report.Converted > 0 && !options.DryRun)
        {
            context.Out.WriteLine($"next: record cases for each rule, then 'detectionkit test --filter {options.Pack.Trim('/').Replace('/', '.')}.* --accept' and 'detectionkit validate'");
        }

        return report.Failed > 0 ? ExitCodes.Failures : ExitCodes.Success;
    }

    private static string Problems(SigmaConversion file)
    {
        var errors = file.Diagnostics.Count(d => d.IsError);
        return errors == 1 ? "1 problem above" : $"{errors} problems above";
    }
}
