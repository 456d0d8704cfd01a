using System.CommandLine;

namespace DetectionKit.Cli.Options;

/// <summary>Options several commands share, declared once.</summary>
internal static class CommonOptions
{
    /// <summary>The DK1009 line every command prints for a rules directory that is not there.</summary>
    public static string RulesDirectoryMissing(string directory) =>
        $"error: {directory}: DK1009: the rules directory does not exist (pass --rules DIR, or run from the repository root)";

    public static Option<string> Rules() => new("--rules")
    {
        Description = "The rules directory.",
        DefaultValueFactory = _ => "rules",
        HelpName = "DIR",
    };
}
