using System.CommandLine;

namespace DetectionKit.Cli.Commands;

/// <summary>Options several commands share, declared once.</summary>
internal static class CommonOptions
{
    public static Option<string> Rules() => new("--rules")
    {
        Description = "The rules directory.",
        DefaultValueFactory = _ => "rules",
        HelpName = "DIR",
    };
}
