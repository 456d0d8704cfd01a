using System.CommandLine;
using DetectionKit.Tooling.Captures;

namespace DetectionKit.Cli.Commands;

/// <summary>
/// <c>--captures DIR</c>, shared by <c>test</c>, <c>validate</c> and <c>coverage</c>: named, it must
/// exist; left out, it is <c>fixtures</c> beside the rules directory when there is one, and a rules
/// repository without it simply has no captures.
/// </summary>
internal static class CaptureOptions
{
    public static Option<string?> Create(string description) => new("--captures") { Description = description, HelpName = "DIR" };

    /// <returns>False (with the message to print) when a named folder does not exist.</returns>
    public static bool TryResolve(string? named, string rulesDirectory, out CaptureDirectory? captures, out string error)
    {
        error = string.Empty;
        if (named is not null)
        {
            captures = Directory.Exists(named) ? new CaptureDirectory(named) : null;
            error = $"error: capture directory '{named}' does not exist";
            return captures is not null;
        }

        var beside = CaptureDirectory.BesideRules(rulesDirectory);
        captures = Directory.Exists(beside) ? new CaptureDirectory(beside) : null;
        return true;
    }
}
