using System.CommandLine;
using System.Globalization;
using DetectionKit.Cli.Hosting;
using DetectionKit.Cli.Options;
using DetectionKit.Cli.Reporting;
using DetectionKit.Tooling.Benchmarking;

namespace DetectionKit.Cli.Commands;

/// <summary>
/// <c>bench</c>: measures, in this process, throughput against the parse floor, scaling over cores,
/// rule loading cold and warm, and peak memory, and prints one table (or JSON) of the figures.
/// </summary>
internal static class BenchCommand
{
    private static readonly string[] PhaseNames = Enum.GetNames<BenchPhase>().Select(n => n.ToLowerInvariant()).ToArray();

    public static Command Create(CliContext context)
    {
        var defaults = new BenchOptions { RulesDirectory = "rules" };
        var rules = CommonOptions.Rules();
        var sources = new Option<string[]>("--source")
        {
            Description = "Measure these files or directories instead of a generated corpus; repeatable.",
            HelpName = "PATH",
            AllowMultipleArgumentsPerToken = true,
        };
        var events = new Option<int>("--events") { Description = "Records in the generated corpus.", DefaultValueFactory = _ => defaults.Events, HelpName = "N" };
        var objects = new Option<int>("--objects") { Description = "Objects the generated corpus is split into.", DefaultValueFactory = _ => defaults.Objects, HelpName = "N" };
        var bigObject = new Option<int>("--big-object-mb")
        {
            Description = "MB of JSON in the single object of the memory phase (issue 8's target is for 1024); 0 leaves it out.",
            DefaultValueFactory = _ => defaults.BigObjectMegabytes,
            HelpName = "MB",
        };
        var generated = new Option<string>("--generated-rules")
        {
            Description = "Sizes of the generated rule sets whose loading is measured, comma-separated.",
            DefaultValueFactory = _ => string.Join(',', defaults.GeneratedRuleCounts),
            HelpName = "N,N",
        };
        var skip = new Option<string[]>("--skip")
        {
            Description = $"Leave out phases: {string.Join(", ", PhaseNames)} (comma-separated or repeated).",
            HelpName = "PHASE",
            AllowMultipleArgumentsPerToken = true,
        };
        var workerObjects = new Option<int>("--worker-objects")
        {
            Description = "Objects the worker phase uploads to moto_server and announces on its queue (replicated from the captures beside the rules).",
            DefaultValueFactory = _ => defaults.WorkerObjects,
            HelpName = "N",
        };
        var format = new Option<string>("--format") { Description = "text: one table; json: the same figures unrounded.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var output = new Option<string?>("--out") { Description = "Also write the table as markdown to this file.", HelpName = "FILE" };
        var command = new Command("bench", "Measure throughput against the parse floor, scaling over cores, rule loading, peak memory and a queue worker; print one table.")
        {
            rules, sources, events, objects, bigObject, generated, skip, workerObjects, format, output,
        };
        command.SetAction((parse, _) => ExecuteAsync(
            context,
            parse.GetValue(rules)!,
            parse.GetValue(sources) ?? [],
            (parse.GetValue(events), parse.GetValue(objects), parse.GetValue(bigObject), parse.GetValue(workerObjects)),
            parse.GetValue(generated)!,
            parse.GetValue(skip) ?? [],
            parse.GetValue(format)!,
            parse.GetValue(output)));
        return command;
    }

    private static async Task<int> ExecuteAsync(
        CliContext context, string rules, string[] sources, (int Events, int Objects, int BigObjectMegabytes, int WorkerObjects) sizes, string generated, string[] skip, string format, string? output)
    {
        if (Problem(rules, sources, sizes, generated, skip, out var counts, out var phases) is { } problem)
        {
            context.Error.WriteLine($"error: {problem}");
            return ExitCodes.Usage;
        }

        var options = new BenchOptions
        {
            RulesDirectory = rules,
            Sources = sources,
            Events = sizes.Events,
            Objects = sizes.Objects,
            BigObjectMegabytes = sizes.BigObjectMegabytes,
            WorkerObjects = sizes.WorkerObjects,
            GeneratedRuleCounts = counts,
            Skip = phases,
            ToolCommand = ToolProcess.Command(),
        };
        var report = await new Benchmark(options, step => context.Error.WriteLine($"bench: {step}")).RunAsync();
        IBenchRenderer renderer = format == "json" ? new JsonBenchRenderer() : new TextBenchRenderer();
        renderer.Render(report, context.Out);
        if (output is not null)
        {
            using var file = new StreamWriter(output) { NewLine = "\n" };
            new MarkdownBenchRenderer().Render(report, file);
        }

        return ExitCodes.Success;
    }

    private static string? Problem(
        string rules, string[] sources, (int Events, int Objects, int BigObjectMegabytes, int WorkerObjects) sizes, string generated, string[] skip, out IReadOnlyList<int> counts, out IReadOnlySet<BenchPhase> phases)
    {
        counts = [];
        phases = new HashSet<BenchPhase>();
        if (!Directory.Exists(rules))
        {
            return CommonOptions.RulesDirectoryMissing(rules)["error: ".Length..];
        }

        if (sources.FirstOrDefault(s => !File.Exists(s) && !Directory.Exists(s)) is { } missing)
        {
            return $"--source {missing}: no such file or directory";
        }

        if (sizes.Events < 1 || sizes.Objects < 1 || sizes.Objects > sizes.Events)
        {
            return "--events and --objects must be 1 or more, with no more objects than events";
        }

        if (sizes.BigObjectMegabytes < 0)
        {
            return "--big-object-mb must be 0 (leave the object out) or more";
        }

        if (sizes.WorkerObjects < 1)
        {
            return "--worker-objects must be 1 or more (leave the worker phase out with --skip worker)";
        }

        var parsed = new List<int>();
        foreach (var part in generated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
            {
                return $"--generated-rules '{generated}': give rule counts such as 200,1000";
            }

            parsed.Add(count);
        }

        var names = new HashSet<BenchPhase>();
        foreach (var name in skip.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!Enum.TryParse<BenchPhase>(name, ignoreCase: true, out var phase) || !PhaseNames.Contains(name.ToLowerInvariant()))
            {
                return $"--skip '{name}' is not a phase; use {string.Join(", ", PhaseNames)}";
            }

            names.Add(phase);
        }

        counts = parsed;
        phases = names;
        return null;
    }
}
