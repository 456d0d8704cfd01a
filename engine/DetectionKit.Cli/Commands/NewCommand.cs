using System.CommandLine;
using System.Text.RegularExpressions;
using DetectionKit.Cli.Hosting;
using DetectionKit.Cli.Options;
using DetectionKit.Cli.Reporting;
using DetectionKit.Cli.Scaffolding;
using DetectionKit.Engine.Loading;
using DetectionKit.Tooling.Catalog;
using DetectionKit.Tooling.Editors;

namespace DetectionKit.Cli.Commands;

/// <summary><c>new pack/name</c>: scaffold a rule YAML, its script, and a positive and a negative case.</summary>
internal static partial class NewCommand
{
    private const string SchemaFile = "rules.schema.json";

    private static readonly string[] KnownExtensions = [".yml", ".yaml", ".csx"];

    public static Command Create(CliContext context)
    {
        var rules = CommonOptions.Rules();
        var name = new Argument<string>("pack/name") { Description = "Where the rule goes under the rules directory, e.g. aws/iam/user-created (a .yml, .yaml or .csx ending is dropped)." };
        var match = new Option<string?>("--match")
        {
            Description = "The event the rule watches, as SOURCE:NAME (iam:CreateUser, or iam.amazonaws.com:CreateUser); checked against the AWS API catalog. Default: iam:CreateGroup.",
            HelpName = "SOURCE:NAME",
        };
        var command = new Command("new", "Scaffold a new rule: YAML with the schema header, a C# script, one positive and one negative case; warns about existing rules on the same event.") { rules, match, name };
        command.SetAction(parse => Execute(context, parse.GetValue(rules)!, parse.GetValue(name)!, parse.GetValue(match)));
        return command;
    }

    private static int Execute(CliContext context, string rulesDir, string name, string? matchText)
    {
        name = WithoutExtension(name.Trim('/'));
        if (!RuleNamePattern().IsMatch(name) || !name.Contains('/') || name.Split('/').Any(part => part is "." or ".." || part.Trim('.').Length == 0))
        {
            context.Error.WriteLine($"error: '{name}' is not a rule path; use <pack>/<name> with letters, digits, '-', '_' and '.', e.g. aws/iam/user-created");
            return ExitCodes.Usage;
        }

        var watched = WatchedEvent.Default;
        if (matchText is not null)
        {
            if (WatchedEvent.Parse(matchText, ApiCatalog.Default, out var problem) is not { } parsed)
            {
                context.Error.WriteLine($"error: {problem}");
                return ExitCodes.Usage;
            }

            watched = parsed;
        }

        var yamlPath = Path.Combine(rulesDir, name + ".yml");
        var scriptPath = Path.ChangeExtension(yamlPath, ".csx");
        foreach (var path in new[] { yamlPath, Path.ChangeExtension(yamlPath, ".yaml"), scriptPath })
        {
            if (File.Exists(path))
            {
                context.Error.WriteLine($"error: {DiagnosticFormatter.Relative(Path.GetFullPath(path))} already exists; pick another name or edit it");
                return ExitCodes.Usage;
            }
        }

        var overlapping = RulesWatching.Find(rulesDir, watched);
        Directory.CreateDirectory(rulesDir);
        var id = name.Replace('/', '.');
        var schema = FindSchema(rulesDir);
        if (schema is null)
        {
            // Nothing above the rules says what a rule file holds: the schema the tool validates with
            // goes beside the rules directory, as in this repository, so the editor hint resolves.
            schema = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(rulesDir).TrimEnd(Path.DirectorySeparatorChar)) ?? Path.GetFullPath(rulesDir), SchemaFile);
            File.WriteAllText(schema, SchemaValidator.ResourceText(SchemaFile));
            context.Out.WriteLine($"created {DiagnosticFormatter.Relative(schema)} (the schema rule files are checked against, for completion in editors)");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(yamlPath)!);
        File.WriteAllText(yamlPath, RuleTemplate.Yaml(id, Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(yamlPath))!, schema).Replace('\\', '/'), watched));
        File.WriteAllText(scriptPath, RuleTemplate.Script(watched));
        context.Out.WriteLine($"created {yamlPath}");
        context.Out.WriteLine($"created {scriptPath}");
        var formatter = new DiagnosticFormatter(DiagnosticStyle.Text);
        foreach (var warning in overlapping)
        {
            context.Error.WriteLine(formatter.Format(warning));
        }

        context.Out.WriteLine($"next: edit the title, the Rule function and both cases (the scaffold watches {watched}), then");
        context.Out.WriteLine($"  detectionkit test --filter {id} --accept   # record the snapshot, review it");
        context.Out.WriteLine($"  detectionkit validate                      # what CI checks");
        if (!File.Exists(EditorSetupWriter.ResponseFile))
        {
            context.Out.WriteLine("editor: run 'detectionkit editor' once here for completions in .csx files (VS Code with OmniSharp; see README, Editors)");
        }

        return ExitCodes.Success;
    }

    /// <summary><c>aws/iam/foo.yml</c> names the rule <c>aws/iam/foo</c>: the files' endings are the scaffold's to add.</summary>
    private static string WithoutExtension(string name) =>
        KnownExtensions.FirstOrDefault(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)) is { } extension ? name[..^extension.Length] : name;

    /// <summary>rules.schema.json in the rules directory or any folder above it; null when there is none.</summary>
    private static string? FindSchema(string rulesDir)
    {
        for (var directory = new DirectoryInfo(Path.GetFullPath(rulesDir)); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, SchemaFile);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")]
    private static partial Regex RuleNamePattern();
}
