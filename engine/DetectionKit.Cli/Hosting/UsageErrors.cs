using System.CommandLine;
using System.CommandLine.Parsing;
using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Cli.Hosting;

/// <summary>
/// The command line's parse errors as the lines a user reads: an unknown option or command names the
/// one it most likely meant (<c>error: unknown option '--filtr'; did you mean '--filter'?</c>), among
/// the options and subcommands of the command it was given to.
/// </summary>
internal static class UsageErrors
{
    public static IEnumerable<string> Describe(ParseResult parse)
    {
        var command = parse.CommandResult;
        var unmatched = parse.UnmatchedTokens;
        var unknownCommand = false;
        for (var i = 0; i < unmatched.Count; i++)
        {
            var token = unmatched[i];
            if (i > 0 && IsOption(unmatched[i - 1]) && !IsOption(token) && !unmatched[i - 1].Contains('=', StringComparison.Ordinal))
            {
                continue; // the value of the unknown option just reported: one mistake, one line
            }

            unknownCommand |= !IsOption(token) && command.Command.Subcommands.Count > 0;
            yield return $"error: {Unknown(token, command)}";
        }

        // The library reports each unmatched token too ("Unrecognized command or argument '--filtr'."), said
        // above with a hint; after an unknown command, that no command was given says nothing more.
        foreach (var error in parse.Errors.Where(e => !unmatched.Any(token => e.Message.Contains($"'{token}'", StringComparison.Ordinal))
            && !(unknownCommand && e.SymbolResult == command)))
        {
            yield return $"error: {error.Message}";
        }

        yield return $"Run '{CommandLine(command)} --help' for usage.";
    }

    private static string Unknown(string token, CommandResult command)
    {
        if (IsOption(token))
        {
            var option = ClosestName.Find(token.Split('=', 2)[0], OptionNames(command));
            return $"unknown option '{token}' for '{CommandLine(command)}'{Hint(option)}";
        }

        var subcommands = command.Command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name)).ToList();
        if (subcommands.Count > 0)
        {
            var suggestion = ClosestName.Find(token, subcommands);
            return $"unknown command '{token}' for '{CommandLine(command)}'" + (suggestion is null
                ? $"; its commands: {string.Join(", ", command.Command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}"
                : Hint(suggestion));
        }

        return $"unexpected argument '{token}' for '{CommandLine(command)}'";
    }

    private static bool IsOption(string token) => token.StartsWith('-') && token.Length > 1;

    private static string Hint(string? suggestion) => suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?";

    /// <summary>The command's own options and those its ancestors share with it (such as --help).</summary>
    private static IEnumerable<string> OptionNames(CommandResult command)
    {
        IEnumerable<Option> options = command.Command.Options;
        for (var parent = command.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
        {
            options = options.Concat(parent.Command.Options.Where(o => o.Recursive));
        }

        return options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal);
    }

    /// <summary><c>detectionkit docs rule-api</c>: the words that reach the command, from the tool's name.</summary>
    private static string CommandLine(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is CommandResult current; result = current.Parent)
        {
            names.Add(current.Parent is null ? "detectionkit" : current.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
