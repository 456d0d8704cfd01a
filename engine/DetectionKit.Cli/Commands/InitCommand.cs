using System.CommandLine;
using DetectionKit.Cli.Hosting;
using DetectionKit.Engine.Aws;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.State;
using DetectionKit.Engine.State.DynamoDb;
using DetectionKit.Tooling.Workflows;

namespace DetectionKit.Cli.Commands;

/// <summary>
/// <c>init workflow</c>: write the GitHub Actions workflow that is a rules repository's pull-request gate.
/// <c>init --state dynamodb://TABLE</c>: create the DynamoDB table that workers and schedulers share their state in.
/// </summary>
internal static class InitCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = $"Where to write the workflow. Default: {RulesWorkflow.DefaultPath}.", HelpName = "FILE", DefaultValueFactory = _ => RulesWorkflow.DefaultPath };
        var rules = new Option<string>("--rules") { Description = "The rules directory, relative to the repository root (where the workflow runs).", HelpName = "DIR", DefaultValueFactory = _ => "rules" };
        var settings = new Option<string?>("--settings") { Description = "A settings file, relative to the repository root, that validate checks against the rules in the workflow.", HelpName = "FILE" };
        var toolProject = new Option<string?>("--tool-project") { Description = "Pack and install detectionkit from this project in the repository (DetectionKit's own repository) instead of restoring it from the repository's tool manifest.", HelpName = "CSPROJ-DIR" };
        var force = new Option<bool>("--force") { Description = "Replace a workflow file that differs from what this writes." };
        var workflow = new Command("workflow", "Write the GitHub Actions workflow that gates pull requests on the rules: validate with annotations, test with benign traffic and a published JUnit report, the coverage page as an artifact.")
        {
            output, rules, settings, toolProject, force,
        };
        workflow.SetAction(parse => Workflow(context, parse.GetValue(output)!, new RulesWorkflowOptions { Rules = parse.GetValue(rules)!.TrimEnd('/'), Settings = parse.GetValue(settings), ToolProject = parse.GetValue(toolProject)?.TrimEnd('/') }, parse.GetValue(force)));
        var state = new Option<string?>("--state") { Description = "Create the state: dynamodb://TABLE creates the DynamoDB table (on-demand, with its index and time to live) and waits until it is active; a SQLite file is created as a state database.", HelpName = "dynamodb://TABLE|PATH" };
        var endpoint = new Option<string?>("--endpoint-url") { Description = "A DynamoDB-compatible endpoint. Also AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL.", HelpName = "URL" };
        var init = new Command("init", "Set up a rules repository (init workflow), or create a state (init --state dynamodb://TABLE).") { workflow, state, endpoint };
        init.SetAction((parse, cancel) => State(context, parse.GetValue(state), parse.GetValue(endpoint), cancel));
        return init;
    }

    private static async Task<int> State(CliContext context, string? state, string? endpointUrl, CancellationToken cancel)
    {
        if (state is null)
        {
            context.Error.WriteLine("error: init needs what to set up: 'init workflow' writes the pull-request workflow, 'init --state dynamodb://TABLE' creates a shared state table");
            return ExitCodes.Usage;
        }

        if (!DynamoDbStateLocation.IsDynamoDb(state))
        {
            if (RunFiles.OpenState(context, state) is not { } file)
            {
                return ExitCodes.StateUnusable;
            }

            file.Dispose();
            context.Out.WriteLine($"{state}: a SQLite state; it is ready (one process uses it at a time: share dynamodb://TABLE between processes)");
            return ExitCodes.Success;
        }

        if (!DynamoDbStateLocation.TryParse(state, out var location, out var error))
        {
            context.Error.WriteLine($"error {DiagnosticCodes.StateLocationInvalid}: --state {error}");
            return ExitCodes.Usage;
        }

        using var client = DynamoDbClientFactory.Create(endpointUrl);
        try
        {
            context.Error.WriteLine($"{location}: creating the table, or checking the one there (waiting until it is ACTIVE)");
            var outcome = await DynamoDbStateTable.CreateAsync(client, location.Table, cancel: cancel);
            context.Out.WriteLine(outcome == DynamoDbStateTable.Outcome.Created
                ? $"{location}: created the table (on-demand; key pk/sk, index {DynamoDbStateTable.PendingIndex}, time to live on {DynamoDbStateTable.ExpiresAt}); it is ACTIVE"
                : $"{location}: the table is already there, in the state's shape (time to live on {DynamoDbStateTable.ExpiresAt}); nothing to do");
            context.Out.WriteLine($"use it with --state {location} (run, worker) or state: {location} (schedule)");
            return ExitCodes.Success;
        }
        catch (StateStoreException ex)
        {
            context.Error.WriteLine($"{location}: error {ex.Code}: {ex.Message}");
            return ex.Code == DiagnosticCodes.StateTableShape ? ExitCodes.StateUnusable : ExitCodes.Failures;
        }
    }

    private static int Workflow(CliContext context, string path, RulesWorkflowOptions options, bool force)
    {
        // The paths go into the workflow as written, and the workflow runs at the repository root: check them from here.
        var missing = new List<string>();
        if (!Directory.Exists(options.Rules))
        {
            missing.Add($"error: --rules {options.Rules}: no such directory here; run this from the repository root, with the rules directory relative to it");
        }

        if (options.Settings is { } settings && !File.Exists(settings))
        {
            missing.Add($"error: --settings {settings}: no such file here; give the settings file relative to the repository root");
        }

        if (options.ToolProject is { } project && !Directory.Exists(project) && !File.Exists(project))
        {
            missing.Add($"error: --tool-project {project}: no such project here; give the folder of DetectionKit.Cli relative to the repository root (engine/DetectionKit.Cli)");
        }

        if (Path.IsPathRooted(options.Rules) || (options.Settings is not null && Path.IsPathRooted(options.Settings)))
        {
            missing.Add("error: --rules and --settings go into the workflow as written, and a runner checks the repository out elsewhere: give them relative to the repository root");
        }

        if (missing.Count > 0)
        {
            missing.ForEach(context.Error.WriteLine);
            return ExitCodes.Usage;
        }

        var text = RulesWorkflow.Render(options);
        if (File.Exists(path))
        {
            if (File.ReadAllText(path) == text)
            {
                context.Out.WriteLine($"{path} is up to date");
                return ExitCodes.Success;
            }

            if (!force)
            {
                context.Error.WriteLine($"error: {path} exists and differs from the workflow this writes; pass --force to replace it (review the diff), or --out another file");
                return ExitCodes.Usage;
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, text);
        context.Out.WriteLine($"wrote {path}");
        if (options.ToolProject is null)
        {
            context.Out.WriteLine("next: the workflow installs detectionkit with 'dotnet tool restore': commit the tool manifest (dotnet-tools.json) that 'dotnet tool install DetectionKit' wrote here, and a nuget.config naming the feed that holds the DetectionKit package (see README, Installing the tool)");
        }

        context.Out.WriteLine("the same gate locally:");
        foreach (var command in RulesWorkflow.LocalCommands(options))
        {
            context.Out.WriteLine("  " + command);
        }

        return ExitCodes.Success;
    }
}
