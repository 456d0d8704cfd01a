using System.CommandLine;
using System.Text.RegularExpressions;
using DetectionKit.Cli.Hosting;
using DetectionKit.Cli.Options;
using DetectionKit.Cli.Scaffolding;
using DetectionKit.Tooling.Editors;

namespace DetectionKit.Cli.Commands;

/// <summary><c>new pack/name</c>: scaffold a rule YAML, its script, and a positive and a negative case.</summary>
internal static partial class NewCommand
{
    public static Command Create(CliContext context)
    {
        var rules = CommonOptions.Rules();
        var name = new Argument<string>("pack/name") { Description = "Where the rule goes under the rules directory, e.g. aws/iam/user-created." };
        var command = new Command("new", "Scaffold a new rule: YAML with the schema header, a C# script, one positive and one negative case.") { rules, name };
        command.SetAction(parse => Execute(context, parse.GetValue(rules)!, parse.GetValue(name)!));
        return command;
    }

    private static int Execute(CliContext context, string rulesDir, string name)
    {
        name = name.Trim('/');
        if (!RuleNamePattern().IsMatch(name) || !name.Contains('/') || name.Split('/').Any(part => part is "." or ".." || part.Trim('.').Length == 0))
        {
            context.Error.WriteLine($"error: '{name}' is not a rule path; use <pack>/<name> with letters, digits, '-', '_' and '.', e.g. aws/iam/user-created");
            return ExitCodes.Usage;
        }

        var yamlPath = Path.Combine(rulesDir, name + ".yml");
        var scriptPath = Path.ChangeExtension(yamlPath, ".csx");
        foreach (var path in new[] { yamlPath, scriptPath })
        {
            if (File.Exists(path))
            {
                context.Error.WriteLine($"error: {path} already exists; pick another name or edit it");
                return ExitCodes.Usage;
            }
        }

        var id = name.Replace('/', '.');
        Directory.CreateDirectory(Path.GetDirectoryName(yamlPath)!);
        File.WriteAllText(yamlPath, RuleTemplate.Yaml(id, SchemaReference(yamlPath, rulesDir)));
        File.WriteAllText(scriptPath, RuleTemplate.Script());
        context.Out.WriteLine($"created {yamlPath}");
        context.Out.WriteLine($"created {scriptPath}");
        context.Out.WriteLine("next: edit the title, the match block, the Rule function and both cases (the scaffold watches iam CreateGroup), then");
        context.Out.WriteLine($"  detectionkit test --filter {id} --accept   # record the snapshot, review it");
        context.Out.WriteLine($"  detectionkit validate                      # what CI checks");
        if (!File.Exists(EditorSetupWriter.ResponseFile))
        {
            context.Out.WriteLine("editor: run 'detectionkit editor' once here for completions in .csx files (VS Code with OmniSharp; see README, Editors)");
        }
        return ExitCodes.Success;
    }

    /// <summary>The schema path relative to the new file: rules.schema.json beside the rules directory, or above it.</summary>
    private static string SchemaReference(string yamlPath, string rulesDir)
    {
        var directory = new DirectoryInfo(Path.GetFullPath(rulesDir));
        while (directory is not null)
        {
            var candidate = Path.Combine(directory.FullName, "rules.schema.json");
            if (File.Exists(candidate))
            {
                return Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(yamlPath))!, candidate).Replace('\\', '/');
            }

            directory = directory.Parent;
        }

        return Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(yamlPath))!, Path.Combine(Path.GetFullPath(rulesDir), "..", "rules.schema.json")).Replace('\\', '/');
    }

    [GeneratedRegex(@"^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")]
    private static partial Regex RuleNamePattern();
}
