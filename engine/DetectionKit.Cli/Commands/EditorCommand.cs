using System.CommandLine;
using DetectionKit.Cli.Hosting;
using DetectionKit.Tooling.Editors;

namespace DetectionKit.Cli.Commands;

/// <summary><c>editor</c>: write what VS Code (C# extension, OmniSharp) needs to resolve rule scripts, in the workspace.</summary>
internal static class EditorCommand
{
    public static Command Create(CliContext context)
    {
        var root = new Option<string>("--root") { Description = "The folder your editor opens (the repository holding the rules folder). Default: the current directory.", HelpName = "DIR", DefaultValueFactory = _ => "." };
        var command = new Command("editor", "Set up editor support for rule scripts: completions and checks for CloudTrailEvent and the rule API in .csx files, without changing a script.") { root };
        command.SetAction(parse => Execute(context, parse.GetValue(root)!));
        return command;
    }

    private static int Execute(CliContext context, string root)
    {
        if (!Directory.Exists(root))
        {
            context.Error.WriteLine($"error: {root} does not exist; pass the folder your editor opens with --root");
            return ExitCodes.Usage;
        }

        var setup = EditorSetupWriter.Write(root);
        foreach (var file in setup.Written)
        {
            context.Out.WriteLine($"wrote {Path.GetRelativePath(Environment.CurrentDirectory, file)}");
        }

        foreach (var warning in setup.Warnings)
        {
            context.Error.WriteLine($"warning: {warning}");
        }

        context.Out.WriteLine($"next: open {Path.GetFullPath(root)} in VS Code with the C# extension, disable C# Dev Kit for this workspace (it ignores OmniSharp), and reload; commit omnisharp.json and .vscode/settings.json, and git-ignore .detectionkit/ (it is rebuilt per machine)");
        return ExitCodes.Success;
    }
}
