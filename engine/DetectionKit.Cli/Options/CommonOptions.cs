using System.CommandLine;

namespace DetectionKit.Cli.Options;

/// <summary>Options several commands share, declared once.</summary>
internal static class CommonOptions
{
    /// <summary>The DK1009 line every command prints for a rules directory that is not there.</summary>
    public static string RulesDirectoryMissing(string directory) =>
        $"{directory}: error DK1009: the rules directory does not exist (pass --rules DIR, or run from the repository root)";

    /// <summary><c>--settings FILE</c>: an organisation's parameter values, overrides and suppressions (settings.schema.json).</summary>
    public static Option<string?> Settings(string description) => new("--settings")
    {
        Description = description,
        HelpName = "FILE",
    };

    public static Option<string> Rules() => new("--rules")
    {
        Description = "The rules directory.",
        DefaultValueFactory = _ => "rules",
        HelpName = "DIR",
    };
}
